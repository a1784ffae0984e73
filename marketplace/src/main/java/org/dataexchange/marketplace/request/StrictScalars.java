package org.dataexchange.marketplace.request;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Primary;
import io.micronaut.core.type.Argument;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.math.BigInteger;

/**
 * Requests are read strictly, as the settlement contract reads its arguments: an integer is a JSON integer (no
 * fraction such as {@code 100.5}, no string such as {@code "100"}), a flag is {@code true} or {@code false} (not
 * {@code "yes"}), and a string is a JSON string (not {@code ["a"]}, not a number) without the NUL character (which
 * PostgreSQL cannot hold in text). Micronaut Serde's own readers coerce all of these; these take their place for every
 * property of every type the service reads, so no field needs its own rule. Unknown properties are refused by
 * configuration ({@code micronaut.serde.deserialization.ignore-unknown: false}); unknown enum constants were refused
 * already.
 */
@Factory
class StrictScalars {

    @Singleton
    @Primary
    Deserializer<Long> longs() {
        return new Strict<>("an integer") {
            @Override
            Long read(Decoder decoder, JsonNode node) throws IOException {
                return integral(decoder, node, Long.MIN_VALUE, Long.MAX_VALUE).longValue();
            }
        };
    }

    @Singleton
    @Primary
    Deserializer<Integer> ints() {
        return new Strict<>("an integer") {
            @Override
            Integer read(Decoder decoder, JsonNode node) throws IOException {
                return integral(decoder, node, Integer.MIN_VALUE, Integer.MAX_VALUE).intValue();
            }
        };
    }

    @Singleton
    @Primary
    Deserializer<Boolean> booleans() {
        return new Strict<>("true or false") {
            @Override
            Boolean read(Decoder decoder, JsonNode node) throws IOException {
                if (!node.isBoolean()) {
                    throw refused(decoder, node);
                }
                return node.getBooleanValue();
            }
        };
    }

    @Singleton
    @Primary
    Deserializer<String> strings() {
        return new Strict<>("a string") {
            @Override
            String read(Decoder decoder, JsonNode node) throws IOException {
                if (!node.isString()) {
                    throw refused(decoder, node);
                }
                String value = node.getStringValue();
                // PostgreSQL cannot hold NUL in text; no field of the exchange has a use for it
                if (value.indexOf('\u0000') >= 0) {
                    throw decoder.createDeserializationException("expected a string without the NUL character (U+0000)", null);
                }
                return value;
            }
        };
    }

    /** Reads one JSON value as a tree and accepts it only in its own JSON type. */
    private abstract static class Strict<T> implements Deserializer<T> {

        private final String expected;

        Strict(String expected) {
            this.expected = expected;
        }

        abstract T read(Decoder decoder, JsonNode node) throws IOException;

        @Override
        public T deserialize(Decoder decoder, DecoderContext context, Argument<? super T> type) throws IOException {
            JsonNode node = decoder.decodeNode();
            if (node.isNull()) {
                if (type.isPrimitive()) {
                    throw decoder.createDeserializationException("expected " + expected + ", got null", null);
                }
                return null;
            }
            return read(decoder, node);
        }

        @Override
        public T deserializeNullable(Decoder decoder, DecoderContext context, Argument<? super T> type) throws IOException {
            return deserialize(decoder, context, type);
        }

        @Override
        public boolean allowNull() {
            return true;
        }

        /** A missing primitive is its zero, as Micronaut Serde reads it; required values are checked by validation. */
        @Override
        @SuppressWarnings("unchecked")
        public T getDefaultValue(DecoderContext context, Argument<? super T> type) {
            if (!type.isPrimitive()) {
                return null;
            }
            Class<?> t = type.getType();
            if (t == long.class) {
                return (T) Long.valueOf(0);
            }
            if (t == int.class) {
                return (T) Integer.valueOf(0);
            }
            return t == boolean.class ? (T) Boolean.FALSE : null;
        }

        IOException refused(Decoder decoder, JsonNode node) {
            return decoder.createDeserializationException("expected " + expected + ", got " + describe(node), null);
        }

        BigInteger integral(Decoder decoder, JsonNode node, long min, long max) throws IOException {
            if (!node.isNumber()) {
                throw refused(decoder, node);
            }
            Number n = node.getNumberValue();
            BigInteger value;
            if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
                value = BigInteger.valueOf(n.longValue());
            } else if (n instanceof BigInteger big) {
                value = big;
            } else {
                throw decoder.createDeserializationException("expected " + expected + ", got the fraction " + n, null);
            }
            if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
                throw decoder.createDeserializationException(value + " is out of range (" + min + " to " + max + ")", null);
            }
            return value;
        }

        private static String describe(JsonNode node) {
            if (node.isString()) {
                return "a string";
            }
            if (node.isNumber()) {
                return "a number";
            }
            if (node.isBoolean()) {
                return "a boolean";
            }
            if (node.isArray()) {
                return "an array";
            }
            return node.isObject() ? "an object" : "null";
        }
    }
}
