package org.dataexchange.marketplace.licence;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Licence terms as W3C ODRL 2.2 policies in JSON-LD. Trees are built from LinkedHashMap/ArrayList/String/Integer in a
 * fixed key order, so serialising one with a plain Jackson ObjectMapper gives the same bytes every time and the
 * marketplace can hash an agreement.
 *
 * <p>Each permitted action is its own permission (an ODRL rule has one action), all carrying the same constraints and
 * duties; every action not permitted is an explicit prohibition, so "not permitted means prohibited" holds even for a
 * reader that does not know our profile.
 */
public final class OdrlPolicy {

    static final String ODRL_CONTEXT = "http://www.w3.org/ns/odrl.jsonld";
    static final String DX_NAMESPACE = "https://dataexchange.example/odrl/";
    static final String PROFILE = "https://dataexchange.example/odrl/profile";
    /** Unit of the {@code count} constraint: seats (concurrent named users), not executions of the action. */
    static final String SEAT_UNIT = "dx:seat";
    /** Unit of the compensate duty's {@code percentage} constraint: basis points (1/100 of a percent), so it stays an integer. */
    static final String BASIS_POINT_UNIT = "dx:basisPoint";
    /** Mainland China as an ODRL spatial value; the domestic territory. */
    static final String MAINLAND = "CN";

    private static final String SCENARIO_PURPOSE = "#scenario-purpose";
    private static final String SCENARIO_LOCATION = "#scenario-location";
    private static final Pattern DAYS = Pattern.compile("P(\\d{1,5})D");
    private static final Pattern ISO_3166 = Pattern.compile("[A-Z]{2}(-[A-Z0-9]{1,3})?");
    // ISO 3166-2:CN lists Hong Kong, Macao and Taiwan as subdivisions (and formerly as 91, 92, 71); they are abroad here.
    private static final Set<String> OUTSIDE_MAINLAND = Set.of("CN-HK", "CN-MO", "CN-TW", "CN-91", "CN-92", "CN-71");

    private OdrlPolicy() {}

    /** The ODRL 2.2 Offer as a JSON-LD tree (LinkedHashMap/List/String/Number only, deterministic key order). */
    public static Map<String, Object> offer(String policyUid, String productUid, String assignerUid, LicenceTerms terms) {
        requireText("policyUid", policyUid);
        requireText("productUid", productUid);
        requireText("assignerUid", assignerUid);
        if (terms == null) {
            throw new LicenceTermsException("terms", "terms are required");
        }
        terms.validated();
        Map<String, Object> policy = header("Offer", policyUid, terms.right());
        policy.put("target", productUid);
        policy.put("assigner", assignerUid);
        putRules(policy, policyUid, productUid, assignerUid, terms, null);
        return policy;
    }

    /**
     * The Agreement for one order: the offer's rules with assignee and the buyer's use scenario (purpose + place, ISO
     * 3166 e.g. "CN-SH") as constraints. Refuses a scenario that does not fit the offer, naming
     * {@code scenarioPurpose} or {@code scenarioLocation}.
     */
    public static Map<String, Object> agreement(String agreementUid, Map<String, Object> offer, String assigneeUid,
                                                String scenarioPurpose, String scenarioLocation, Instant validFrom) {
        requireText("agreementUid", agreementUid);
        requireText("assigneeUid", assigneeUid);
        if (offer == null || !"Offer".equals(offer.get("@type"))) {
            throw new LicenceTermsException("offer", "an agreement is made from an ODRL Offer");
        }
        if (validFrom == null) {
            throw new LicenceTermsException("validFrom", "validFrom is required");
        }
        LicenceTerms terms = terms(offer);
        Optional<LicenceTermsException> refusal = scenarioRefusal(terms, scenarioPurpose, scenarioLocation);
        if (refusal.isPresent()) {
            throw refusal.get();
        }
        String target = text(offer, "target");
        String assigner = text(offer, "assigner");
        // The offer's own spelling, so an agreement does not depend on how the buyer capitalised the purpose.
        String purpose = terms.purposes().stream()
                .filter(p -> LicenceTerms.normalisedPurpose(p).equals(LicenceTerms.normalisedPurpose(scenarioPurpose)))
                .findFirst().orElseThrow();
        Scenario scenario = new Scenario(purpose, scenarioLocation.strip().toUpperCase(Locale.ROOT));

        Map<String, Object> policy = header("Agreement", agreementUid, terms.right());
        policy.put("dx:offer", text(offer, "uid"));
        policy.put("dx:validFrom", validFrom.toString());
        policy.put("dx:validUntil", validFrom.plus(terms.termDays(), ChronoUnit.DAYS).toString());
        policy.put("target", target);
        policy.put("assigner", assigner);
        policy.put("assignee", assigneeUid);
        putRules(policy, agreementUid, target, assigner, terms, scenario);
        return policy;
    }

    /**
     * Reads terms back from an Offer or Agreement produced above; round trip offer(terms) -> terms equals the input.
     * Throws LicenceTermsException for documents it cannot read, including ones with constraints or duties it does
     * not know: ignoring those would misstate what the licence allows.
     */
    public static LicenceTerms terms(Map<String, Object> policy) {
        if (policy == null) {
            throw new LicenceTermsException("policy", "no policy given");
        }
        Object context = policy.get("@context");
        boolean odrl = ODRL_CONTEXT.equals(context) || (context instanceof List<?> l && l.contains(ODRL_CONTEXT));
        if (!odrl) {
            throw new LicenceTermsException("@context", "not an ODRL 2.2 policy: @context lacks " + ODRL_CONTEXT);
        }
        Object type = policy.get("@type");
        if (!"Offer".equals(type) && !"Agreement".equals(type)) {
            throw new LicenceTermsException("@type", "expected an Offer or Agreement, got " + type);
        }
        GrantedRight right = grantedRight(policy.get("dx:grantedRight"));
        String scenarioPrefix = policy.get("uid") + "#scenario-";

        List<Map<String, Object>> permissions = maps(policy.get("permission"), "permission");
        if (permissions.isEmpty()) {
            throw new LicenceTermsException("permission", "the policy permits nothing");
        }
        Set<LicensedAction> permitted = EnumSet.noneOf(LicensedAction.class);
        RuleReading shared = null;
        for (Map<String, Object> permission : permissions) {
            LicensedAction action = action(permission.get("action"), "permission");
            if (!permitted.add(action)) {
                throw new LicenceTermsException("permission", "action " + action.odrl() + " is permitted twice");
            }
            RuleReading reading = RuleReading.of(permission, scenarioPrefix);
            if (shared != null && !shared.equals(reading)) {
                throw new LicenceTermsException("permission",
                        "permissions carry different constraints or duties; this profile uses one set for all actions");
            }
            shared = reading;
        }
        Object prohibitions = policy.get("prohibition");
        if (prohibitions != null) {
            for (Map<String, Object> prohibition : maps(prohibitions, "prohibition")) {
                LicensedAction action = action(prohibition.get("action"), "prohibition");
                if (permitted.contains(action)) {
                    throw new LicenceTermsException("prohibition",
                            "action " + action.odrl() + " is both permitted and prohibited");
                }
            }
        }
        return new LicenceTerms(right, shared.purposes(), shared.termDays(), shared.territory(), shared.seats(),
                permitted, shared.duties(), shared.volumeCaps(), shared.royaltyBp()).validated();
    }

    /**
     * Does a buyer's scenario fit the offer? purpose must be one of the offer's purposes (case-insensitive, trimmed);
     * a location outside mainland China (not "CN" or "CN-xx", and CN-HK/CN-MO/CN-TW count as abroad) needs territory
     * CROSS_BORDER. Returns empty when it fits, else the reason in English.
     */
    public static Optional<String> scenarioProblem(LicenceTerms terms, String purpose, String location) {
        return scenarioRefusal(terms, purpose, location).map(RuntimeException::getMessage);
    }

    private static Optional<LicenceTermsException> scenarioRefusal(LicenceTerms terms, String purpose, String location) {
        Objects.requireNonNull(terms, "terms");
        if (purpose == null || purpose.isBlank()) {
            return Optional.of(new LicenceTermsException("scenarioPurpose", "the use scenario needs a purpose"));
        }
        boolean listed = terms.purposes() != null && terms.purposes().stream()
                .anyMatch(p -> p != null && LicenceTerms.normalisedPurpose(p).equals(LicenceTerms.normalisedPurpose(purpose)));
        if (!listed) {
            return Optional.of(new LicenceTermsException("scenarioPurpose", "purpose '" + purpose.strip()
                    + "' is not one of the licensed purposes: " + String.join("; ", terms.purposes())));
        }
        String place = location == null ? "" : location.strip().toUpperCase(Locale.ROOT);
        if (!ISO_3166.matcher(place).matches()) {
            return Optional.of(new LicenceTermsException("scenarioLocation", "location '" + location
                    + "' is not an ISO 3166 country or subdivision code such as CN, CN-SH or SG"));
        }
        if (terms.territory() != LicenceTerritory.CROSS_BORDER && !inMainland(place)) {
            return Optional.of(new LicenceTermsException("scenarioLocation", "location " + place
                    + " is outside mainland China but the licence is for domestic use only; it needs a cross-border licence"));
        }
        return Optional.empty();
    }

    private static boolean inMainland(String place) {
        return place.equals(MAINLAND) || (place.startsWith(MAINLAND + "-") && !OUTSIDE_MAINLAND.contains(place));
    }

    private record Scenario(String purpose, String location) {}

    private static Map<String, Object> header(String type, String uid, GrantedRight right) {
        Map<String, Object> prefixes = new LinkedHashMap<>();
        prefixes.put("dx", DX_NAMESPACE);
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("@context", new ArrayList<>(List.of(ODRL_CONTEXT, prefixes)));
        policy.put("@type", type);
        policy.put("uid", uid);
        policy.put("profile", PROFILE);
        policy.put("dx:grantedRight", right.name());
        return policy;
    }

    private static void putRules(Map<String, Object> policy, String policyUid, String target, String assigner,
                                 LicenceTerms terms, Scenario scenario) {
        List<Object> permissions = new ArrayList<>();
        List<Object> prohibitions = new ArrayList<>();
        for (LicensedAction action : LicensedAction.values()) {
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("target", target);
            rule.put("action", action.odrl());
            if (terms.permittedActions().contains(action)) {
                rule.put("constraint", constraints(policyUid, terms, scenario));
                if (!terms.duties().isEmpty()) {
                    rule.put("duty", duties(terms, assigner));
                }
                permissions.add(rule);
            } else {
                prohibitions.add(rule);
            }
        }
        policy.put("permission", permissions);
        if (!prohibitions.isEmpty()) {
            policy.put("prohibition", prohibitions);
        }
    }

    private static List<Object> constraints(String policyUid, LicenceTerms terms, Scenario scenario) {
        List<Object> constraints = new ArrayList<>();
        constraints.add(constraint(null, "purpose", "isAnyOf", new ArrayList<>(terms.purposes())));
        if (terms.territory() == LicenceTerritory.DOMESTIC) {
            constraints.add(constraint(null, "spatial", "eq", MAINLAND));
        }
        constraints.add(constraint(null, "elapsedTime", "lteq", days(terms.termDays())));
        Map<String, Object> seats = constraint(null, "count", "lteq", terms.seats());
        seats.put("unit", SEAT_UNIT);
        constraints.add(seats);
        if (terms.volumeCaps() != null) {
            // 用途用量: how many records, calls, queries or downloads the licence allows over its life, by unit.
            terms.volumeCaps().asMap().forEach((measure, cap) -> {
                Map<String, Object> count = constraint(null, "count", "lteq", cap);
                count.put("unit", measure.odrlUnit());
                constraints.add(count);
            });
        }
        if (scenario != null) {
            // Marked by uid so a reader can tell the buyer's scenario from the offer's own limits (a scenario in "CN"
            // would otherwise look like a domestic-only territory).
            constraints.add(constraint(policyUid + SCENARIO_PURPOSE, "purpose", "eq", scenario.purpose()));
            constraints.add(constraint(policyUid + SCENARIO_LOCATION, "spatial", "eq", scenario.location()));
        }
        return constraints;
    }

    private static Map<String, Object> constraint(String uid, String leftOperand, String operator, Object rightOperand) {
        Map<String, Object> constraint = new LinkedHashMap<>();
        if (uid != null) {
            constraint.put("uid", uid);
        }
        constraint.put("leftOperand", leftOperand);
        constraint.put("operator", operator);
        constraint.put("rightOperand", rightOperand);
        return constraint;
    }

    private static List<Object> duties(LicenceTerms terms, String assigner) {
        List<Object> duties = new ArrayList<>();
        for (LicenceDuty duty : terms.duties()) {
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("action", duty.odrl());
            switch (duty) {
                case ATTRIBUTION -> rule.put("attributedParty", assigner);
                case DELETE_AT_TERM_END -> rule.put("constraint",
                        new ArrayList<>(List.of(constraint(null, "elapsedTime", "eq", days(terms.termDays())))));
                case COMPENSATE -> {
                    // Owed to the assigner on each sale of a derived product: ODRL's percentage, in basis points.
                    rule.put("compensatedParty", assigner);
                    Map<String, Object> share = constraint(null, "percentage", "eq", terms.royaltyBp());
                    share.put("unit", BASIS_POINT_UNIT);
                    rule.put("constraint", new ArrayList<>(List.of(share)));
                }
            }
            duties.add(rule);
        }
        return duties;
    }

    private static String days(int days) {
        return "P" + days + "D";
    }

    /** What one permission says besides its action; equal for every permission of a policy we wrote. */
    private record RuleReading(List<String> purposes, LicenceTerritory territory, int termDays, int seats,
                               Set<LicenceDuty> duties, VolumeCaps volumeCaps, Integer royaltyBp) {

        static RuleReading of(Map<String, Object> permission, String scenarioPrefix) {
            List<String> purposes = null;
            LicenceTerritory territory = LicenceTerritory.CROSS_BORDER;
            Integer termDays = null;
            Integer seats = null;
            Map<VolumeMeasure, Long> caps = new java.util.EnumMap<>(VolumeMeasure.class);
            for (Map<String, Object> c : maps(permission.getOrDefault("constraint", List.of()), "constraint")) {
                if (c.get("uid") instanceof String uid && uid.startsWith(scenarioPrefix)) {
                    continue;
                }
                String operand = c.get("leftOperand") + " " + c.get("operator");
                Object value = c.get("rightOperand");
                switch (operand) {
                    case "purpose isAnyOf" -> purposes = strings(value);
                    case "spatial eq" -> {
                        if (!MAINLAND.equals(value)) {
                            throw new LicenceTermsException("constraint", "unsupported spatial limit " + value);
                        }
                        territory = LicenceTerritory.DOMESTIC;
                    }
                    case "elapsedTime lteq" -> termDays = days(value);
                    case "count lteq" -> {
                        Object unit = c.get("unit");
                        if (SEAT_UNIT.equals(unit)) {
                            seats = integer(value, "constraint");
                        } else {
                            VolumeMeasure measure = VolumeMeasure.fromOdrlUnit(unit).orElseThrow(() -> new LicenceTermsException(
                                    "constraint", "count constraint with unknown unit " + unit));
                            if (caps.put(measure, wholeNumber(value)) != null) {
                                throw new LicenceTermsException("constraint", "two caps in " + unit);
                            }
                        }
                    }
                    default -> throw new LicenceTermsException("constraint", "unsupported constraint " + operand);
                }
            }
            if (purposes == null || termDays == null || seats == null) {
                throw new LicenceTermsException("constraint",
                        "a permission needs purpose, elapsedTime and count (seats) constraints");
            }
            Set<LicenceDuty> duties = EnumSet.noneOf(LicenceDuty.class);
            Integer royaltyBp = null;
            for (Map<String, Object> d : maps(permission.getOrDefault("duty", List.of()), "duty")) {
                Object name = d.get("action");
                LicenceDuty duty = LicenceDuty.fromOdrl(name instanceof String s ? s : null).orElseThrow(
                        () -> new LicenceTermsException("duty", "unsupported duty " + name));
                if (duty == LicenceDuty.DELETE_AT_TERM_END) {
                    List<Map<String, Object>> when = maps(d.get("constraint"), "duty");
                    boolean atTermEnd = when.size() == 1 && "elapsedTime".equals(when.get(0).get("leftOperand"))
                            && "eq".equals(when.get(0).get("operator"))
                            && Objects.equals(days(when.get(0).get("rightOperand")), termDays);
                    if (!atTermEnd) {
                        throw new LicenceTermsException("duty", "delete duty must fall due when the term ends");
                    }
                }
                if (duty == LicenceDuty.COMPENSATE) {
                    List<Map<String, Object>> share = maps(d.get("constraint"), "duty");
                    boolean inBasisPoints = share.size() == 1 && "percentage".equals(share.get(0).get("leftOperand"))
                            && "eq".equals(share.get(0).get("operator")) && BASIS_POINT_UNIT.equals(share.get(0).get("unit"));
                    if (!inBasisPoints) {
                        throw new LicenceTermsException("duty", "a compensate duty names its share as percentage eq"
                                + " in " + BASIS_POINT_UNIT);
                    }
                    royaltyBp = integer(share.get(0).get("rightOperand"), "duty");
                }
                duties.add(duty);
            }
            return new RuleReading(purposes, territory, termDays, seats, duties, caps.isEmpty() ? null : VolumeCaps.of(caps),
                    royaltyBp);
        }

        private static int days(Object value) {
            Matcher m = value instanceof String s ? DAYS.matcher(s) : null;
            if (m == null || !m.matches()) {
                throw new LicenceTermsException("constraint", "expected a duration in days such as P365D, got " + value);
            }
            return Integer.parseInt(m.group(1));
        }
    }

    private static GrantedRight grantedRight(Object value) {
        for (GrantedRight right : GrantedRight.values()) {
            if (right.name().equals(value)) {
                return right;
            }
        }
        throw new LicenceTermsException("dx:grantedRight", "unknown granted right " + value);
    }

    private static LicensedAction action(Object value, String field) {
        return LicensedAction.fromOdrl(value instanceof String s ? s : null)
                .orElseThrow(() -> new LicenceTermsException(field, "unsupported action " + value));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object value, String field) {
        if (!(value instanceof List<?> list) || !list.stream().allMatch(e -> e instanceof Map)) {
            throw new LicenceTermsException(field, field + " must be a list of objects");
        }
        return (List<Map<String, Object>>) list;
    }

    private static List<String> strings(Object value) {
        if (!(value instanceof List<?> list) || !list.stream().allMatch(e -> e instanceof String)) {
            throw new LicenceTermsException("constraint", "purposes must be a list of strings");
        }
        return list.stream().map(String.class::cast).toList();
    }

    // Accepts any integral Number, since a tree parsed back by Jackson may hold Integer or Long.
    private static int integer(Object value, String field) {
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                && Math.abs(n.doubleValue()) <= Integer.MAX_VALUE) {
            return n.intValue();
        }
        throw new LicenceTermsException(field, "expected a whole number, got " + value);
    }

    // A cap may exceed an int; Jackson reads it back as Integer or Long.
    private static long wholeNumber(Object value) {
        if (value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        throw new LicenceTermsException("constraint", "expected a whole number, got " + value);
    }

    private static String text(Map<String, Object> policy, String key) {
        if (policy.get(key) instanceof String s && !s.isBlank()) {
            return s;
        }
        throw new LicenceTermsException(key, "the offer has no " + key);
    }

    private static void requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new LicenceTermsException(field, field + " is required");
        }
    }
}
