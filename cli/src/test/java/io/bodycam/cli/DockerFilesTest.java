package io.bodycam.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bodycam.bench.scenario.Scenario;
import io.bodycam.bench.scenario.ScenarioLoader;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The files under {@code docker/} parse, and what they refer to exists and agrees: images pinned to a
 * tag, mounted files in the repository, service names and ports that match the configs and the
 * scenario, the Dockerfile's sources and jar, and the Kubernetes Job's shard count.
 */
class DockerFilesTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path DOCKER = ROOT.resolve("docker");

    @Test
    void the_compose_file_parses_and_pins_every_image() throws IOException {
        Map<String, Object> services = map(yaml(DOCKER.resolve("compose.yaml")), "services");
        assertEquals(List.of("mosquitto", "backend", "bench", "prometheus", "grafana"), List.copyOf(services.keySet()));
        for (Map.Entry<String, Object> s : services.entrySet()) {
            String image = (String) map(s.getValue()).get("image");
            assertTrue(image != null && image.matches("[a-z0-9./-]+:[A-Za-z0-9._-]+") && !image.endsWith(":latest"),
                    s.getKey() + " needs an image pinned to a tag, was " + image);
        }
        Map<String, Object> build = map(map(services.get("backend")), "build");
        assertTrue(Files.isRegularFile(DOCKER.resolve((String) build.get("context")).resolve((String) build.get("dockerfile"))),
                "backend builds from " + build);
    }

    @Test
    void every_file_the_compose_stack_mounts_is_in_the_repository() throws IOException {
        Map<String, Object> services = map(yaml(DOCKER.resolve("compose.yaml")), "services");
        List<String> mounted = new ArrayList<>();
        for (Object service : services.values()) {
            for (Object volume : list(map(service).getOrDefault("volumes", List.of()))) {
                String source = ((String) volume).split(":")[0];
                if (source.startsWith("./") && !source.endsWith("bodycam-dashboard.json")) {
                    assertTrue(Files.exists(DOCKER.resolve(source)), "compose mounts " + source + ", missing in docker/");
                    mounted.add(source);
                }
            }
        }
        assertEquals(List.of("./mosquitto/mosquitto.conf", "./prometheus/prometheus.yml", "./grafana/provisioning"), mounted);
    }

    @Test
    void the_bench_run_names_the_services_and_ports_the_stack_listens_on() throws IOException {
        Map<String, Object> services = map(yaml(DOCKER.resolve("compose.yaml")), "services");
        List<String> bench = strings(map(services.get("bench")).get("command"));
        Path scenarioFile = ROOT.resolve(bench.get(1));
        Scenario scenario = ScenarioLoader.load(scenarioFile);
        URI mqtt = scenario.backend().mqtt();
        URI upload = scenario.backend().upload();

        assertTrue(services.containsKey(mqtt.getHost()), "MQTT host " + mqtt.getHost() + " is a compose service");
        assertTrue(Files.readString(DOCKER.resolve("mosquitto/mosquitto.conf")).contains("listener " + mqtt.getPort() + " "),
                "mosquitto.conf listens on " + mqtt.getPort());
        assertTrue(services.containsKey(upload.getHost()), "upload host " + upload.getHost() + " is a compose service");
        List<String> backend = strings(map(services.get(upload.getHost())).get("command"));
        assertEquals(String.valueOf(upload.getPort()), backend.get(backend.indexOf("--http-port") + 1), "backend --http-port");
        assertEquals("0.0.0.0", backend.get(backend.indexOf("--bind") + 1), "the backend must listen beyond the container");
        assertTrue(strings(map(services.get(upload.getHost())).get("ports")).contains(upload.getPort() + ":" + upload.getPort()));

        Map<String, Object> scrape = map(list(yaml(DOCKER.resolve("prometheus/prometheus.yml")).get("scrape_configs")).get(0));
        String target = (String) list(map(list(scrape.get("static_configs")).get(0)).get("targets")).get(0);
        assertEquals("bench:" + bench.get(bench.indexOf("--metrics-port") + 1), target, "Prometheus scrapes the bench's --metrics-port");
        assertEquals("0.0.0.0", bench.get(bench.indexOf("--metrics-bind") + 1), "the bench's metrics must be reachable from Prometheus");
    }

    @Test
    void the_stacks_broker_takes_no_anonymous_client_and_the_bench_logs_in_with_the_user_it_makes() throws IOException {
        String conf = Files.readString(DOCKER.resolve("mosquitto/mosquitto.conf"));
        assertTrue(conf.lines().anyMatch("allow_anonymous false"::equals), "mosquitto.conf refuses anonymous clients");
        assertFalse(conf.contains("allow_anonymous true"));
        Matcher passwordFile = Pattern.compile("(?m)^password_file (\\S+)$").matcher(conf);
        assertTrue(passwordFile.find(), "mosquitto.conf names a password file");

        Map<String, Object> services = map(yaml(DOCKER.resolve("compose.yaml")), "services");
        Map<String, Object> mosquitto = map(services.get("mosquitto"));
        Map<String, Object> env = map(mosquitto, "environment");
        assertEquals("${BODYCAM_MQTT_USER:-bodycam}", env.get("BODYCAM_MQTT_USER"));
        assertEquals("${BODYCAM_MQTT_PASSWORD:-bodycam-dev}", env.get("BODYCAM_MQTT_PASSWORD"));
        String start = String.join(" ", strings(mosquitto.get("command")));
        assertTrue(start.contains("mosquitto_passwd -c -b " + passwordFile.group(1) + " \"$$BODYCAM_MQTT_USER\" \"$$BODYCAM_MQTT_PASSWORD\""),
                "the password file is made from the environment: " + start);
        assertTrue(start.contains("exec mosquitto -c /mosquitto/config/mosquitto.conf"), start);
        String health = String.join(" ", strings(map(mosquitto, "healthcheck").get("test")));
        assertTrue(health.contains("-u \"$$BODYCAM_MQTT_USER\" -P \"$$BODYCAM_MQTT_PASSWORD\""), "the health check logs in: " + health);

        Map<String, Object> bench = map(map(services.get("bench")), "environment");
        assertEquals(env, bench, "the bench gets the broker's credentials");
        Path scenarioFile = ROOT.resolve(strings(map(services.get("bench")).get("command")).get(1));
        Map<String, String> defaults = Map.of();
        Scenario scenario = ScenarioLoader.load(scenarioFile, new io.bodycam.bench.scenario.yaml.Substitutions(defaults::get, Map.of()));
        assertEquals("bodycam", scenario.backend().username());
        assertEquals("bodycam-dev", scenario.backend().password());
        Map<String, String> given = Map.of("BODYCAM_MQTT_USER", "ops", "BODYCAM_MQTT_PASSWORD", "s3cret");
        Scenario withEnv = ScenarioLoader.load(scenarioFile, new io.bodycam.bench.scenario.yaml.Substitutions(given::get, Map.of()));
        assertEquals("ops", withEnv.backend().username());
        assertEquals("s3cret", withEnv.backend().password());
    }

    @Test
    void grafana_is_not_anonymous_and_its_admin_password_comes_from_the_environment() throws IOException {
        Map<String, Object> env = map(map(map(yaml(DOCKER.resolve("compose.yaml")), "services").get("grafana")), "environment");
        assertEquals("false", env.get("GF_AUTH_ANONYMOUS_ENABLED"));
        assertFalse(env.containsKey("GF_AUTH_ANONYMOUS_ORG_ROLE"));
        assertEquals("${GRAFANA_ADMIN_PASSWORD:-bodycam-admin}", env.get("GF_SECURITY_ADMIN_PASSWORD"));
        assertTrue(Files.readString(DOCKER.resolve("README.md")).contains("GRAFANA_ADMIN_PASSWORD"), "docker/README.md documents it");
    }

    @Test
    void grafana_provisioning_points_at_the_stacks_prometheus_and_the_dashboard_mount() throws IOException {
        Map<String, Object> source = map(list(yaml(DOCKER.resolve("grafana/provisioning/datasources/prometheus.yaml"))
                .get("datasources")).get(0));
        assertEquals("http://prometheus:9090", source.get("url"));
        assertEquals("prometheus", source.get("uid"), "the dashboard refers to the data source by this uid");
        String path = (String) map(map(list(yaml(DOCKER.resolve("grafana/provisioning/dashboards/bodycam.yaml"))
                .get("providers")).get(0)), "options").get("path");
        List<String> grafanaVolumes = strings(map(map(yaml(DOCKER.resolve("compose.yaml")), "services").get("grafana")).get("volumes"));
        assertTrue(grafanaVolumes.contains("./grafana/bodycam-dashboard.json:" + path + "/bodycam-dashboard.json:ro"),
                "the dashboard is mounted where the provider looks (" + path + "): " + grafanaVolumes);
    }

    @Test
    void the_grafana_dashboard_the_stack_mounts_is_json() throws IOException {
        Path dashboard = DOCKER.resolve("grafana/bodycam-dashboard.json");
        assumeTrue(Files.exists(dashboard), "docker/grafana/bodycam-dashboard.json comes with the metrics work; not in this tree yet");
        String text = Files.readString(dashboard).strip();
        assertTrue(text.startsWith("{") && text.endsWith("}"), "dashboard JSON");
    }

    @Test
    void the_dockerfile_builds_every_module_of_the_build() throws IOException {
        String dockerfile = Files.readString(DOCKER.resolve("Dockerfile"));
        Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(Files.readString(ROOT.resolve("pom.xml")));
        List<String> modules = new java.util.ArrayList<>();
        while (module.find()) {
            modules.add(module.group(1));
        }
        assertTrue(modules.contains("cli"), "modules in pom.xml: " + modules);
        for (String m : modules) {
            assertTrue(dockerfile.contains("COPY " + m + "/pom.xml " + m + "/"), "the image's build lacks " + m + "/pom.xml");
            assertTrue(dockerfile.contains("COPY " + m + "/src " + m + "/src"), "the image's build lacks " + m + "/src");
        }
    }

    @Test
    void the_dockerfile_copies_what_exists_and_runs_the_jar_the_build_makes_as_a_non_root_user() throws IOException {
        String dockerfile = Files.readString(DOCKER.resolve("Dockerfile"));
        Matcher copy = Pattern.compile("(?m)^COPY (?!--from)(\\S+) ").matcher(dockerfile);
        int copies = 0;
        while (copy.find()) {
            assertTrue(Files.exists(ROOT.resolve(copy.group(1))), "COPY " + copy.group(1) + " is not in the repository");
            copies++;
        }
        assertTrue(copies >= 7, "COPY lines found: " + copies);
        assertTrue(Files.readString(ROOT.resolve("cli/pom.xml")).contains("<finalName>bodycam</finalName>"));
        assertTrue(dockerfile.contains("COPY --from=build /src/cli/target/bodycam.jar bodycam.jar"), "the runtime stage takes the jar");
        assertTrue(dockerfile.contains("ENTRYPOINT [\"java\", \"-XX:+UseZGC\", \"-XX:SoftMaxHeapSize=2g\", \"-Dlogback.configurationFile=bodycam-logback.xml\", \"-jar\", \"/opt/bodycam/bodycam.jar\"]"));
        assertTrue(Files.exists(ROOT.resolve("cli/src/main/resources/bodycam-logback.xml")));
        Matcher user = Pattern.compile("(?m)^USER (\\S+)").matcher(dockerfile);
        assertTrue(user.find() && !user.group(1).equals("root") && !user.group(1).equals("0"), "runs as a non-root user");
        assertEquals(2, Pattern.compile("(?m)^FROM ").matcher(dockerfile).results().count(), "two stages");
    }

    @Test
    void the_kubernetes_job_is_indexed_and_its_shard_count_matches_its_completions(@TempDir Path tmp) throws IOException {
        Path k8s = DOCKER.resolve("k8s");
        List<String> resources = strings(yaml(k8s.resolve("kustomization.yaml")).get("resources"));
        List<Map<String, Object>> docs = new ArrayList<>();
        for (String r : resources) {
            for (Object doc : new Yaml().loadAll(Files.readString(k8s.resolve(r)))) {
                docs.add(map(doc));
            }
        }
        Map<String, Object> job = kind(docs, "Job", "bodycam-fleet");
        Map<String, Object> spec = map(job, "spec");
        assertEquals("Indexed", spec.get("completionMode"));
        Map<String, Object> pod = map(map(spec, "template"), "spec");
        Map<String, Object> container = map(list(pod.get("containers")).get(0));
        List<String> args = strings(container.get("args"));
        String shard = args.get(args.indexOf("--shard") + 1);
        assertEquals("$(SHARD_INDEX)/" + spec.get("completions"), shard, "--shard i/N with N = completions");
        Map<String, Object> env = map(list(container.get("env")).get(0));
        assertEquals("metadata.annotations['batch.kubernetes.io/job-completion-index']",
                map(map(env, "valueFrom"), "fieldRef").get("fieldPath"), "the pod index becomes the shard");
        assertEquals("bodycam-bench:dev", container.get("image"));

        String claim = (String) map(map(list(pod.get("volumes")).get(0)), "persistentVolumeClaim").get("claimName");
        assertEquals(claim, map(kind(docs, "PersistentVolumeClaim"), "metadata").get("name"), "the Job writes to the claimed volume");

        Map<String, Object> scenarioMap = kind(docs, "ConfigMap", "bodycam-scenario");
        String file = args.get(1);
        Path scenarioFile = tmp.resolve(Path.of(file).getFileName());
        Files.writeString(scenarioFile, (String) map(scenarioMap, "data").get(Path.of(file).getFileName().toString()));
        Scenario scenario = ScenarioLoader.load(scenarioFile);
        List<String> serviceNames = docs.stream().filter(d -> "Service".equals(d.get("kind")))
                .map(d -> (String) map(d, "metadata").get("name")).toList();
        assertTrue(serviceNames.contains(scenario.backend().mqtt().getHost()), "MQTT host is a Service: " + serviceNames);
        assertTrue(serviceNames.contains(scenario.backend().upload().getHost()), "upload host is a Service: " + serviceNames);
        assertFalse(scenario.assertions().stream().anyMatch(a -> a.expr().startsWith("devices.")),
                "a fleet-wide device assertion would fail every shard's pod (exit 1), and so the Job");

        Map<String, Object> merge = kind(docs, "Job", "bodycam-merge");
        Map<String, Object> mergeContainer = map(list(map(map(map(merge, "spec"), "template"), "spec").get("containers")).get(0));
        Map<String, String> mergeEnv = new java.util.HashMap<>();
        for (Object e : list(mergeContainer.get("env"))) {
            mergeEnv.put((String) map(e).get("name"), String.valueOf(map(e).get("value")));
        }
        assertEquals(String.valueOf(spec.get("completions")), mergeEnv.get("SHARDS"), "the merge waits for every shard of the Job");
        String out = args.get(args.indexOf("--out") + 1);
        assertEquals(mergeEnv.get("RUNS") + "/shard-$(SHARD_INDEX)", out, "the merge reads the folders the shards write");
        String script = strings(mergeContainer.get("args")).get(0);
        assertTrue(script.contains("-jar /opt/bodycam/bodycam.jar") && script.contains("report merge $dirs --out \"$RUNS/merged\""), script);
        assertEquals("bodycam-bench:dev", mergeContainer.get("image"));
    }

    private static Map<String, Object> kind(List<Map<String, Object>> docs, String kind, String... name) {
        return docs.stream().filter(d -> kind.equals(d.get("kind")))
                .filter(d -> name.length == 0 || name[0].equals(map(d, "metadata").get("name")))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " among the manifests"));
    }

    private static Map<String, Object> yaml(Path file) throws IOException {
        return map(new Yaml().load(Files.readString(file)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        assertTrue(node instanceof Map, "expected a mapping, was " + node);
        return (Map<String, Object>) node;
    }

    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        return map(parent.get(key));
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object node) {
        assertTrue(node instanceof List, "expected a list, was " + node);
        return (List<Object>) node;
    }

    private static List<String> strings(Object node) {
        return list(node).stream().map(String::valueOf).toList();
    }
}
