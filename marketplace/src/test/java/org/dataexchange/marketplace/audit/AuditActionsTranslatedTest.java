package org.dataexchange.marketplace.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.dataexchange.marketplace.catalogue.ProductStatus;
import org.dataexchange.marketplace.order.OrderStatus;
import org.junit.jupiter.api.Test;

/**
 * The operator and regulator consoles show audit actions by name, in Chinese and English (frontend/src/i18n/audit.ts).
 * This finds every action the service can write, in its own code: the third argument of each {@code audit.record(...)}
 * and {@code AuditLog.Action(...)}, a literal or a prefix plus a status (whose enum gives every value); and fails for one
 * without its name in either language, or for an action written in a form it cannot read.
 */
class AuditActionsTranslatedTest {

    private static final Pattern CALL = Pattern.compile("\\baudit\\.record(?:All)?\\(|AuditLog\\.Action\\(");
    private static final Pattern LITERAL = Pattern.compile("\"([A-Z][A-Z_]*)\"");
    /** One of two actions by a condition: {@code keep ? "RATING_KEPT" : "RATING_HIDDEN"}. */
    private static final Pattern EITHER = Pattern.compile(".*\\?\\s*\"([A-Z][A-Z_]*)\"\\s*:\\s*\"([A-Z][A-Z_]*)\"");
    private static final Pattern PREFIX_PLUS = Pattern.compile("\"([A-Z][A-Z_]*_)\"\\s*\\+.*");
    /** The statuses an action may end in, by its prefix. */
    private static final Map<String, List<String>> PREFIXES = Map.of(
            "PRODUCT_", names(ProductStatus.values()),
            "REVISION_", names(enumValues("org.dataexchange.marketplace.catalogue.ProductRevision$Status")),
            "ORDER_", names(OrderStatus.values()),
            "SUPERVISION_", names(org.dataexchange.ledger.supervision.SupervisionMeasure.values()));

    @Test
    void everyAuditActionTheServiceWritesHasItsNameInChineseAndEnglish() throws IOException {
        TreeSet<String> actions = new TreeSet<>();
        List<String> unreadable = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String code = Files.readString(file);
                Matcher call = CALL.matcher(code);
                while (call.find()) {
                    List<String> args = arguments(code, call.end());
                    if (args.size() < 3) {
                        continue; // the declarations of record/Action themselves
                    }
                    String action = args.get(2);
                    Matcher literal = LITERAL.matcher(action);
                    Matcher prefixed = PREFIX_PLUS.matcher(action);
                    Matcher either = EITHER.matcher(action);
                    if (literal.matches()) {
                        actions.add(literal.group(1));
                    } else if (either.matches()) {
                        actions.add(either.group(1));
                        actions.add(either.group(2));
                    } else if (prefixed.matches() && PREFIXES.containsKey(prefixed.group(1))) {
                        PREFIXES.get(prefixed.group(1)).forEach(s -> actions.add(prefixed.group(1) + s));
                    } else if (!action.equals("String action") && !action.equals("action")) {
                        unreadable.add(file.getFileName() + ": " + action);
                    }
                }
            }
        }
        assertThat(unreadable).as("actions written in a form this test cannot list: name them here").isEmpty();
        assertThat(actions).as("the service writes audit actions").hasSizeGreaterThan(30)
                .contains("LICENCE_REVOCATION_DECIDED", "ORDER_SETTLED", "PRODUCT_LISTED", "REVISION_APPLIED");

        String dictionary = Files.readString(Path.of("..", "frontend", "src", "i18n", "audit.ts"));
        int english = dictionary.indexOf("export const auditEn");
        assertThat(english).isPositive();
        String zh = actionBlock(dictionary.substring(0, english));
        String en = actionBlock(dictionary.substring(english));
        assertThat(actions.stream().filter(a -> !Pattern.compile("\\b" + a + ":").matcher(zh).find()).toList())
                .as("audit actions without a Chinese name in frontend/src/i18n/audit.ts").isEmpty();
        assertThat(actions.stream().filter(a -> !Pattern.compile("\\b" + a + ":").matcher(en).find()).toList())
                .as("audit actions without an English name in frontend/src/i18n/audit.ts").isEmpty();
    }

    /** The {@code action: { ... }} block of one language's dictionary. */
    private static String actionBlock(String dictionary) {
        int start = dictionary.indexOf("action: {");
        assertThat(start).as("an action block").isNotNegative();
        return dictionary.substring(start, dictionary.indexOf('}', start));
    }

    /** The top-level arguments of a call whose '(' ends just before {@code from}, as written. */
    private static List<String> arguments(String code, int from) {
        List<String> args = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int depth = 1;
        for (int i = from; i < code.length() && depth > 0; i++) {
            char c = code.charAt(i);
            if (c == '"') {
                int end = i + 1;
                while (code.charAt(end) != '"' || code.charAt(end - 1) == '\\') {
                    end++;
                }
                current.append(code, i, end + 1);
                i = end;
                continue;
            }
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            }
            if (depth == 1 && c == ',') {
                args.add(current.toString().strip());
                current.setLength(0);
            } else if (depth > 0) {
                current.append(c);
            }
        }
        args.add(current.toString().strip());
        return args;
    }

    /** A package-private enum's values (the revision's statuses are the catalogue's internals). */
    private static Enum<?>[] enumValues(String className) {
        try {
            return (Enum<?>[]) Class.forName(className).getEnumConstants();
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }
}
