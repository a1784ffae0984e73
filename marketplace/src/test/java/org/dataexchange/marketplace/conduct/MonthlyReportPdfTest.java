package org.dataexchange.marketplace.conduct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class MonthlyReportPdfTest {

    private static final List<String> FONTS = List.of("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc");

    @Test
    void chineseIsEmbeddedAndLongLinesWrapOntoNewPages() throws Exception {
        List<String> many = java.util.stream.IntStream.range(0, 120).mapToObj(i -> "第 " + i + " 行 line " + "很长的说明 long detail ".repeat(8)).toList();
        long start = System.nanoTime();
        byte[] pdf = MonthlyReportPdf.render("数据交易监管月报 Monthly regulator report 2026-11", List.of("生成 generated"),
                List.of(new MonthlyReportPdf.Section("一、交易量 Volumes", many)), FONTS);
        System.out.printf("monthly report PDF: %d bytes in %d ms (font parsed)%n", pdf.length, (System.nanoTime() - start) / 1_000_000);
        start = System.nanoTime();
        pdf = MonthlyReportPdf.render("数据交易监管月报 Monthly regulator report 2026-11", List.of("生成 generated"),
                List.of(new MonthlyReportPdf.Section("一、交易量 Volumes", many)), FONTS);
        System.out.printf("monthly report PDF: %d bytes in %d ms (font kept)%n", pdf.length, (System.nanoTime() - start) / 1_000_000);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertThat(doc.getNumberOfPages()).isGreaterThan(3);
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("数据交易监管月报").contains("很长的说明").contains("第 119 行");
        }
        // A subset of the font is embedded, not the whole 17 MB collection.
        assertThat(pdf.length).isLessThan(2_000_000);
    }

    @Test
    void withoutAFontNothingIsRendered() {
        assertThatThrownBy(() -> MonthlyReportPdf.render("t", List.of(), List.of(), List.of("/nonexistent/font.ttc")))
                .isInstanceOf(MonthlyReportPdf.FontMissing.class).hasMessageContaining("fonts-wqy-zenhei");
    }
}
