package org.dataexchange.marketplace.conduct;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * Lays out the monthly report as an A4 PDF: a title, then sections of lines, wrapped to the page width and continued
 * on new pages. The font is the first configured TrueType file found (a .ttc collection's first font); its used glyphs
 * are embedded as a subset, so the PDF renders the Chinese anywhere. A character the font lacks is printed as "?".
 */
final class MonthlyReportPdf {

    /** A heading and its lines. */
    record Section(String heading, List<String> lines) {}

    static final class FontMissing extends RuntimeException {
        FontMissing(String message) {
            super(message);
        }
    }

    private static final float MARGIN = 50;
    private static final float SIZE = 9.5f;
    private static final float LEADING = 14;

    private MonthlyReportPdf() {}

    static Optional<File> font(List<String> candidates) {
        return candidates.stream().map(File::new).filter(File::isFile).findFirst();
    }

    /**
     * The parsed font, kept: parsing a CJK collection (tens of thousands of glyphs) took seconds on a loaded machine, and
     * fontbox's TrueTypeFont is not safe to share between threads, so rendering is one report at a time.
     */
    private static String loadedPath;
    private static TrueTypeFont loadedFont;

    private static TrueTypeFont parsed(File fontFile) throws IOException {
        if (fontFile.getPath().equals(loadedPath)) {
            return loadedFont;
        }
        TrueTypeFont font;
        if (fontFile.getName().toLowerCase(java.util.Locale.ROOT).endsWith(".ttc")) {
            // The collection stays open for the life of the service: its fonts read their tables from it lazily.
            TrueTypeCollection collection = new TrueTypeCollection(fontFile);
            TrueTypeFont[] first = new TrueTypeFont[1];
            collection.processAllFonts(f -> {
                if (first[0] == null) {
                    first[0] = f;
                }
            });
            font = first[0];
        } else {
            font = new org.apache.fontbox.ttf.TTFParser().parse(new org.apache.pdfbox.io.RandomAccessReadBufferedFile(fontFile));
        }
        loadedPath = fontFile.getPath();
        loadedFont = font;
        return font;
    }

    static synchronized byte[] render(String title, List<String> preamble, List<Section> sections, List<String> fontFiles) {
        File fontFile = font(fontFiles).orElseThrow(() -> new FontMissing("no CJK TrueType font at " + fontFiles
                + " (exchange.conduct.report-fonts); install fonts-wqy-zenhei"));
        try (PDDocument doc = new PDDocument()) {
            // Subset: only the glyphs used are embedded, and the font object is this document's own.
            PDType0Font font = PDType0Font.load(doc, parsed(fontFile), true);
            Writer w = new Writer(doc, font);
            w.line(title, 15);
            w.gap();
            for (String p : preamble) {
                w.wrapped(p, SIZE);
            }
            for (Section s : sections) {
                w.gap();
                w.line(s.heading(), 12);
                for (String l : s.lines()) {
                    w.wrapped(l, SIZE);
                }
            }
            w.close();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("the monthly report's PDF could not be written", e);
        }
    }

    /** Writes lines top to bottom, starting a new page when one is full. */
    private static final class Writer {
        private final PDDocument doc;
        private final PDType0Font font;
        private final Map<Integer, Boolean> printable = new HashMap<>();
        private final Map<Integer, Float> widths = new HashMap<>();
        private PDPageContentStream page;
        private float y;

        Writer(PDDocument doc, PDType0Font font) throws IOException {
            this.doc = doc;
            this.font = font;
            newPage();
        }

        private void newPage() throws IOException {
            if (page != null) {
                page.close();
            }
            PDPage p = new PDPage(PDRectangle.A4);
            doc.addPage(p);
            page = new PDPageContentStream(doc, p);
            y = PDRectangle.A4.getHeight() - MARGIN;
        }

        void gap() {
            y -= LEADING / 2;
        }

        void line(String text, float size) throws IOException {
            if (y < MARGIN + LEADING) {
                newPage();
            }
            page.beginText();
            page.setFont(font, size);
            page.newLineAtOffset(MARGIN, y);
            page.showText(printable(text));
            page.endText();
            y -= size > SIZE ? LEADING + 4 : LEADING;
        }

        /** Breaks a line at the page width (at any character: Chinese has no spaces). */
        void wrapped(String text, float size) throws IOException {
            String clean = printable(text);
            float width = PDRectangle.A4.getWidth() - 2 * MARGIN;
            List<String> lines = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            float used = 0;
            float indent = font.getStringWidth("  ") / 1000 * size;
            for (int i = 0; i < clean.length(); ) {
                int cp = clean.codePointAt(i);
                String c = new String(Character.toChars(cp));
                float w = widths.computeIfAbsent(cp, k -> {
                    try {
                        return font.getStringWidth(c) / 1000;
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }) * size;
                if (used + w > width && !current.isEmpty()) {
                    lines.add(current.toString());
                    current.setLength(0);
                    current.append("  ");
                    used = indent;
                }
                current.append(c);
                used += w;
                i += Character.charCount(cp);
            }
            lines.add(current.toString());
            for (String l : lines) {
                line(l, size);
            }
        }

        private String printable(String text) {
            StringBuilder out = new StringBuilder();
            text.codePoints().forEach(cp -> {
                boolean ok = printable.computeIfAbsent(cp, c -> {
                    try {
                        font.encode(new String(Character.toChars(c)));
                        return c >= 0x20;
                    } catch (IOException | IllegalArgumentException e) {
                        return false;
                    }
                });
                out.append(ok ? new String(Character.toChars(cp)) : "?");
            });
            return out.toString();
        }

        void close() throws IOException {
            page.close();
        }
    }
}
