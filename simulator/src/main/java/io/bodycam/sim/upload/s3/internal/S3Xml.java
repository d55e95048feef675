package io.bodycam.sim.upload.s3.internal;

import io.bodycam.sim.upload.internal.HttpReply;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The few S3 XML answers a camera reads (InitiateMultipartUploadResult, ListPartsResult,
 * CompleteMultipartUploadResult, Error), parsed without DTDs or external entities, and what an answer
 * says about errors. Small documents only:
 * the connection gathers at most 64 KiB.
 */
final class S3Xml {

    private final Element root;

    private S3Xml(Element root) {
        this.root = root;
    }

    /** Parses an answer's body; an empty or malformed one is an {@link IllegalArgumentException}. */
    static S3Xml parse(byte[] body) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setNamespaceAware(false);
            DocumentBuilder builder = f.newDocumentBuilder();
            builder.setErrorHandler(null);
            Document doc = builder.parse(new ByteArrayInputStream(body));
            return new S3Xml(doc.getDocumentElement());
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalArgumentException("not an S3 XML answer: " + e.getMessage(), e);
        }
    }

    /** The body of {@code reply} as S3 XML, if it is some. */
    static Optional<S3Xml> of(HttpReply reply) {
        if (reply.content().length == 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse(reply.content()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** An error answer in a line: its {@code Code} and {@code Message}, or the body as it came. */
    static String error(HttpReply reply) {
        return of(reply).map(x -> x.text("Code").orElse(x.rootName()) + x.text("Message").map(m -> ": " + m).orElse(""))
                .orElse(reply.body().strip());
    }

    /**
     * Whether the server refused a body as not hashing to the SHA-256 it came with: a 400
     * {@code XAmzContentSHA256Mismatch} (the signed payload hash) or {@code BadDigest} (a checksum).
     */
    static boolean digestRefused(HttpReply reply) {
        return reply.status() == 400 && of(reply).flatMap(x -> x.text("Code"))
                .map(c -> c.equals("XAmzContentSHA256Mismatch") || c.equals("BadDigest")).orElse(false);
    }

    /** An ETag without the quotes S3 puts around it. */
    static String unquote(String etag) {
        return etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"") ? etag.substring(1, etag.length() - 1)
                : etag;
    }

    /** The root element's name ({@code Error} for an error, even inside a 200). */
    String rootName() {
        return root.getTagName();
    }

    /** The text of the root's first child element named {@code tag}, trimmed. */
    Optional<String> text(String tag) {
        return text(root, tag);
    }

    /** Every child element of the root named {@code tag}. */
    List<S3Xml> children(String tag) {
        List<S3Xml> out = new ArrayList<>();
        NodeList nodes = root.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n instanceof Element e && e.getTagName().equals(tag)) {
                out.add(new S3Xml(e));
            }
        }
        return out;
    }

    private static Optional<String> text(Element parent, String tag) {
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n instanceof Element e && e.getTagName().equals(tag)) {
                return Optional.of(e.getTextContent().strip());
            }
        }
        return Optional.empty();
    }
}
