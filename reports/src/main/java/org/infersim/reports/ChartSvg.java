package org.infersim.reports;

import java.awt.Dimension;
import java.awt.geom.Rectangle2D;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.batik.svggen.SVGGeneratorContext;
import org.apache.batik.svggen.SVGGraphics2D;
import org.apache.batik.svggen.SVGIDGenerator;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.text.TextUtils;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * A chart drawn as an inline {@code <svg>} element through Batik's Graphics2D: text stays text
 * (no embedded fonts, so the browser's sans-serif renders it crisply and it can be searched and
 * copied), coordinates are rounded to keep the markup small, and every id carries the chart's own
 * prefix, because all the charts of a page share one id space and Batik numbers its clip paths
 * from 1 in each chart.
 */
final class ChartSvg {
    private static final String SVG_NS = "http://www.w3.org/2000/svg";

    static {
        // Reports run on servers and in CI without a display.
        System.setProperty("java.awt.headless", "true");
        // JFreeChart draws rotated text (the y-axis title) through a TextLayout by default, which
        // reaches the SVG as glyph outlines; a rotated drawString stays text.
        TextUtils.setUseDrawRotatedStringWorkaround(false);
    }

    private ChartSvg() {}

    /**
     * The chart drawn at {@code width} × {@code height} user units; the element scales to the
     * width of its container (viewBox) and says what it shows to screen readers.
     */
    static String render(JFreeChart chart, int width, int height, String idPrefix, String label) {
        Document doc = newDocument();
        SVGGeneratorContext ctx = SVGGeneratorContext.createDefault(doc);
        ctx.setComment(null);
        ctx.setEmbeddedFontsOn(false);
        ctx.setPrecision(2);
        ctx.setIDGenerator(new PrefixedIds(idPrefix));
        SVGGraphics2D g = new SVGGraphics2D(ctx, false);
        g.setSVGCanvasSize(new Dimension(width, height));
        chart.draw(g, new Rectangle2D.Double(0, 0, width, height));

        Element root = g.getRoot();
        g.dispose();
        root.setAttribute("viewBox", "0 0 " + width + " " + height);
        root.setAttribute("role", "img");
        root.setAttribute("aria-label", label);
        for (String unused : List.of("width", "height", "contentScriptType", "contentStyleType", "preserveAspectRatio",
                "zoomAndPan", "version")) {
            root.removeAttribute(unused);
        }
        StringBuilder out = new StringBuilder(32 * 1024);
        write(root, out, wholeCanvasClips(root, width, height));
        return out.toString();
    }

    /**
     * Clip paths that cover the whole drawing (JFreeChart clips to the chart's own area before
     * drawing anything): they clip nothing, and leaving them out saves a reference on nearly every
     * element.
     */
    private static Set<String> wholeCanvasClips(Element root, int width, int height) {
        String whole = "M0 0 L" + width + " 0 L" + width + " " + height + " L0 " + height + " L0 0 Z";
        Set<String> ids = new HashSet<>();
        NodeList clips = root.getElementsByTagNameNS("*", "clipPath");
        for (int i = 0; i < clips.getLength(); i++) {
            Element clip = (Element) clips.item(i);
            NodeList paths = clip.getElementsByTagNameNS("*", "path");
            if (paths.getLength() == 1 && whole.equals(((Element) paths.item(0)).getAttribute("d"))) {
                ids.add(clip.getAttribute("id"));
            }
        }
        return ids;
    }

    /**
     * Writes the element as HTML-embeddable SVG: no XML prolog, no namespace declarations (inline
     * SVG in HTML needs none, and the page then holds nothing that looks like a network address),
     * no indentation, and neither empty groups nor the clips that clip nothing.
     */
    private static void write(Element e, StringBuilder out, Set<String> uselessClips) {
        String tag = e.getLocalName() != null ? e.getLocalName() : e.getTagName();
        if (tag.equals("clipPath") && uselessClips.contains(e.getAttribute("id"))) {
            return;
        }
        if ((tag.equals("g") || tag.equals("defs")) && !hasContent(e, uselessClips)) {
            return;
        }
        out.append('<').append(tag);
        NamedNodeMap attributes = e.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr a = (Attr) attributes.item(i);
            String name = a.getName();
            if (name.startsWith("xmlns") || name.equals("xml:space") || name.equals("id") && tag.equals("defs")) {
                continue;
            }
            String value = a.getValue();
            if (name.equals("clip-path") && uselessClips.contains(value.replaceAll("^url\\(#(.*)\\)$", "$1"))) {
                continue;
            }
            if (name.equals("font-family") && value.equals("'Dialog'")) {
                value = "sans-serif"; // Java's logical font; the browser's own sans-serif is the match
            }
            out.append(' ').append(name).append("=\"").append(HtmlPage.escape(value)).append('"');
        }
        if (!e.hasChildNodes()) {
            out.append("/>");
            return;
        }
        out.append('>');
        for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element child) {
                write(child, out, uselessClips);
            } else if (c.getNodeType() == Node.TEXT_NODE || c.getNodeType() == Node.CDATA_SECTION_NODE) {
                out.append(HtmlPage.escape(c.getNodeValue()));
            }
        }
        out.append("</").append(tag).append('>');
    }

    private static boolean hasContent(Element e, Set<String> uselessClips) {
        for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element child) {
                String tag = child.getLocalName() != null ? child.getLocalName() : child.getTagName();
                if (tag.equals("clipPath") && uselessClips.contains(child.getAttribute("id"))) {
                    continue;
                }
                if ((tag.equals("g") || tag.equals("defs")) && !hasContent(child, uselessClips)) {
                    continue;
                }
                return true;
            }
            if (c.getNodeType() == Node.TEXT_NODE && !c.getNodeValue().isBlank()) {
                return true;
            }
        }
        return false;
    }

    private static Document newDocument() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            return f.newDocumentBuilder().getDOMImplementation().createDocument(SVG_NS, "svg", null);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("no XML document builder in this JVM", e);
        }
    }

    /** Batik's own ids ({@code clipPath1}, ...) behind a per-chart prefix: unique on the page and the same every run. */
    private static final class PrefixedIds extends SVGIDGenerator {
        private final String prefix;

        PrefixedIds(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public String generateID(String kind) {
            return prefix + "-" + super.generateID(kind);
        }
    }
}
