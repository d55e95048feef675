package io.bodycam.sim.camera.internal;

import io.bodycam.sim.state.DockPhase;
import io.bodycam.sim.state.Mode;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The transition table: every listed change is taken, every other one refused before anything changes. */
class ModeMachineTest {

    private final List<String> heard = new ArrayList<>();

    private ModeMachine machine() {
        return new ModeMachine((from, to) -> heard.add(from + "->" + to), phase -> heard.add("phase " + phase));
    }

    /** The shortest path of legal changes from OFF to each mode. */
    private static Map<Mode, List<Mode>> pathsFromOff() {
        Map<Mode, List<Mode>> paths = new EnumMap<>(Mode.class);
        paths.put(Mode.OFF, List.of());
        ArrayDeque<Mode> queue = new ArrayDeque<>(List.of(Mode.OFF));
        while (!queue.isEmpty()) {
            Mode m = queue.poll();
            for (Mode next : ModeMachine.next(m)) {
                if (!paths.containsKey(next)) {
                    List<Mode> path = new ArrayList<>(paths.get(m));
                    path.add(next);
                    paths.put(next, path);
                    queue.add(next);
                }
            }
        }
        return paths;
    }

    private ModeMachine in(Mode mode) {
        ModeMachine m = machine();
        pathsFromOff().get(mode).forEach(m::enter);
        heard.clear();
        return m;
    }

    @Test
    void every_mode_is_reached_from_off_and_every_mode_can_be_switched_off_or_rebooted() {
        assertEquals(EnumSet.allOf(Mode.class), pathsFromOff().keySet(), "modes reachable from OFF");
        for (Mode m : Mode.values()) {
            assertTrue(m == Mode.OFF || ModeMachine.next(m).contains(Mode.OFF), m + " can be switched off: " + ModeMachine.next(m));
        }
    }

    @Test
    void walking_the_table_every_listed_change_is_taken_and_every_other_refused() {
        for (Mode from : Mode.values()) {
            for (Mode to : Mode.values()) {
                ModeMachine m = in(from);
                if (ModeMachine.next(from).contains(to)) {
                    m.enter(to);
                    assertEquals(to, m.mode(), from + " -> " + to);
                    assertEquals(List.of(from + "->" + to), heard, "the observer hears " + from + " -> " + to);
                } else {
                    IllegalStateException e = assertThrows(IllegalStateException.class, () -> m.enter(to), from + " -> " + to);
                    assertEquals("illegal mode change " + from + " -> " + to, e.getMessage());
                    assertEquals(from, m.mode(), "nothing changed after refusing " + from + " -> " + to);
                    assertTrue(heard.isEmpty(), "nobody heard of a refused change: " + heard);
                }
            }
        }
    }

    @Test
    void a_sleeping_camera_cannot_start_a_priority_upload_and_an_error_is_left_only_by_switching_off() {
        ModeMachine m = in(Mode.SLEEP);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> m.enter(Mode.PRIORITY_UPLOAD));
        assertEquals("illegal mode change SLEEP -> PRIORITY_UPLOAD", e.getMessage());
        assertEquals(Mode.SLEEP, m.mode());

        ModeMachine failed = in(Mode.ERROR);
        assertThrows(IllegalStateException.class, () -> failed.enter(Mode.READY_BUFFERING));
        assertEquals(Set.of(Mode.OFF), ModeMachine.next(Mode.ERROR));
    }

    /** The shortest path of legal phases from "just docked" (null) to each phase. */
    private static Map<DockPhase, List<DockPhase>> phasePaths() {
        Map<DockPhase, List<DockPhase>> paths = new HashMap<>();
        ArrayDeque<DockPhase> queue = new ArrayDeque<>();
        for (DockPhase first : ModeMachine.nextPhases(null)) {
            paths.put(first, List.of(first));
            queue.add(first);
        }
        while (!queue.isEmpty()) {
            DockPhase p = queue.poll();
            for (DockPhase next : ModeMachine.nextPhases(p)) {
                if (!paths.containsKey(next)) {
                    List<DockPhase> path = new ArrayList<>(paths.get(p));
                    path.add(next);
                    paths.put(next, path);
                    queue.add(next);
                }
            }
        }
        return paths;
    }

    @Test
    void walking_the_dock_phases_every_listed_step_is_taken_and_every_other_refused() {
        assertEquals(EnumSet.allOf(DockPhase.class), phasePaths().keySet(), "phases reachable after docking");
        List<DockPhase> starts = new ArrayList<>(phasePaths().keySet());
        starts.add(null);
        for (DockPhase from : starts) {
            for (DockPhase to : DockPhase.values()) {
                ModeMachine m = in(Mode.DOCKED);
                if (from != null) {
                    phasePaths().get(from).forEach(m::dockPhase);
                }
                heard.clear();
                if (to == from) {
                    m.dockPhase(to);
                    assertTrue(heard.isEmpty(), "staying in " + to + " is no change");
                } else if (ModeMachine.nextPhases(from).contains(to)) {
                    m.dockPhase(to);
                    assertEquals(to, m.dockPhase(), from + " -> " + to);
                    assertEquals(List.of("phase " + to), heard);
                } else {
                    IllegalStateException e = assertThrows(IllegalStateException.class, () -> m.dockPhase(to), from + " -> " + to);
                    assertEquals("illegal dock phase change " + (from == null ? "(docked)" : from) + " -> " + to, e.getMessage());
                    assertEquals(from, m.dockPhase(), "nothing changed after refusing " + from + " -> " + to);
                }
            }
        }
    }

    @Test
    void a_dock_phase_outside_the_dock_is_refused_and_leaving_the_dock_clears_the_phase() {
        ModeMachine m = in(Mode.READY_BUFFERING);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> m.dockPhase(DockPhase.TIME_SYNC));
        assertEquals("illegal dock phase change null -> TIME_SYNC in mode READY_BUFFERING", e.getMessage());

        m.enter(Mode.DOCKED);
        assertNull(m.dockPhase(), "no phase right after docking");
        m.dockPhase(DockPhase.TIME_SYNC);
        m.enter(Mode.READY_BUFFERING);
        assertNull(m.dockPhase(), "leaving the dock clears its phase");
    }
}
