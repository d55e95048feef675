package io.bodycam.sim.upload.s3.internal;

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
 * CompleteMultipartUploadResult, Error), parsed without DTDs or external entities. Small documents only:
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
