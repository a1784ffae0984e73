package org.dataexchange.marketplace.delivery;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.RuntimeJsonMappingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * The data rows of a listed file, as a licence's record cap counts them: CSV records after the header line, blank
 * lines not counted, a line break inside a quoted field part of its row (RFC 4180).
 */
final class DataRows {

    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES).build();

    private DataRows() {}

    /** The number of data rows, or empty when the file is not readable as CSV. */
    static OptionalLong count(Path file) {
        try (MappingIterator<List<String>> rows = CSV.readerForListOf(String.class).readValues(file.toFile())) {
            long n = 0;
            while (rows.hasNextValue()) {
                rows.nextValue();
                n++;
            }
            return OptionalLong.of(Math.max(0, n - 1)); // the first row names the columns
        } catch (IOException | RuntimeJsonMappingException unreadable) {
            return OptionalLong.empty();
        }
    }
}
