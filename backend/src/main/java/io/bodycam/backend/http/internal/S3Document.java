package io.bodycam.backend.http.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** The one S3 request document the server reads: CompleteMultipartUpload's parts, parsed without DTDs or external entities. */
final class S3Document {

    /** A part as the document lists it. */
    record CompletedPart(int number, String etag) {
    }

    private S3Document() {
    }

    /** The {@code Part} elements of a CompleteMultipartUpload document, in the order listed. */
    static List<CompletedPart> completedParts(byte[] document) {
        Element root;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            var builder = f.newDocumentBuilder();
            builder.setErrorHandler(null);
            root = builder.parse(new ByteArrayInputStream(document)).getDocumentElement();
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalArgumentException("the CompleteMultipartUpload document is not XML: " + e.getMessage(), e);
        }
        if (!root.getTagName().equals("CompleteMultipartUpload")) {
            throw new IllegalArgumentException("expected a CompleteMultipartUpload document, got " + root.getTagName());
        }
        List<CompletedPart> parts = new ArrayList<>();
        NodeList nodes = root.getElementsByTagName("Part");
        for (int i = 0; i < nodes.getLength(); i++) {
            Element part = (Element) nodes.item(i);
            String number = text(part, "PartNumber");
            try {
                parts.add(new CompletedPart(Integer.parseInt(number), text(part, "ETag")));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("PartNumber '" + number + "' is not a number", e);
            }
        }
        return parts;
    }

    private static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        if (nodes.getLength() == 0) {
            throw new IllegalArgumentException("a Part has no " + tag);
        }
        return nodes.item(0).getTextContent().strip();
    }
}
