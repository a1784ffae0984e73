package org.dataexchange.ledger.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.charset.StandardCharsets;
import org.dataexchange.ledger.ErrorCode;

/**
 * The one JSON dialect of the ledger. Writing is canonical: object keys sorted by UTF-16 code
 * units at every depth, no insignificant whitespace, nulls omitted, instants as ISO-8601 UTC strings.
 * Every endorser therefore writes identical bytes for the same record. Reading is strict: unknown
 * fields, numbers for enums, nulls for primitives and trailing tokens are refused.
 */
public final class CanonicalJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .disable(MapperFeature.SORT_CREATOR_PROPERTIES_FIRST)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private CanonicalJson() {}

    /** Canonical JSON text of a record, list or map. */
    public static String write(Object value) {
        try {
            // Going through a plain map tree makes key order independent of how a type declares its fields.
            Object tree = MAPPER.convertValue(value, Object.class);
            return MAPPER.writeValueAsString(tree);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot write canonical JSON for " + value.getClass().getName(), e);
        }
    }

    public static byte[] writeBytes(Object value) {
        return write(value).getBytes(StandardCharsets.UTF_8);
    }

    /** Parses an argument of a transaction; malformed input becomes an {@code INVALID_ARGUMENT} refusal. */
    public static <T> T readArgument(String json, Class<T> type, String argumentName) {
        if (json == null || json.isBlank()) {
            throw ErrorCode.INVALID_ARGUMENT.refuse(argumentName + " is empty; expected a JSON object");
        }
        try {
            T value = MAPPER.readValue(json, type);
            if (value == null) {
                throw ErrorCode.INVALID_ARGUMENT.refuse(argumentName + " is null; expected a JSON object");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw ErrorCode.INVALID_ARGUMENT.refuse(argumentName + " has an unknown field '" + e.getPropertyName() + "'");
        } catch (JsonMappingException e) {
            throw ErrorCode.INVALID_ARGUMENT.refuse(argumentName + " is not a valid " + type.getSimpleName()
                    + " at " + pathOf(e) + ": " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw ErrorCode.INVALID_ARGUMENT.refuse(argumentName + " is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** Reads a record this contract wrote itself; failure means corrupted state, not bad input. */
    public static <T> T readStored(byte[] json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored " + type.getSimpleName() + " is unreadable", e);
        }
    }

    /** Reads JSON of a generic type (pages, lists, history) that this contract wrote. */
    public static <T> T readStored(byte[] json, com.fasterxml.jackson.core.type.TypeReference<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored " + type.getType() + " is unreadable", e);
        }
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder("$");
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append('.').append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
