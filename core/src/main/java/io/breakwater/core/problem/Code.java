package io.breakwater.core.problem;

/**
 * Stable problem codes. Documented in docs/errors.md; never renumbered or renamed once released.
 * Each target adds its own block of codes here so one enum lists every problem Breakwater can report.
 */
public enum Code {
    // reading input
    UNREADABLE_SOURCE,
    SYNTAX,
    NOT_AN_OBJECT,
    UNKNOWN_KIND,
    DUPLICATE_OBJECT,
    INPUT_TOO_LARGE,

    // shape of fields
    REQUIRED,
    WRONG_TYPE,
    INVALID_NAME,

    // networking.k8s.io/v1 validation
    INVALID_CIDR,
    CIDR_HOST_BITS,
    EXCEPT_NOT_SUBSET,
    PEER_IPBLOCK_WITH_SELECTOR,
    PEER_EMPTY,
    INVALID_PORT,
    INVALID_PORT_NAME,
    END_PORT_BEFORE_PORT,
    END_PORT_WITHOUT_NUMERIC_PORT,
    INVALID_PROTOCOL,
    INVALID_SELECTOR_OPERATOR,
    SELECTOR_VALUES_REQUIRED,
    SELECTOR_VALUES_FORBIDDEN,
    INVALID_LABEL_KEY,
    INVALID_LABEL_VALUE,
    INVALID_POLICY_TYPE,
    INVALID_IP,
    UNKNOWN_FIELD,
    DUPLICATE_POLICY_TYPE,
    MISSING_SPEC,
    UNSUPPORTED_API_VERSION,

    // conversion to a target (nsx, antrea, contrail)
    NAMED_PORT,
    SCTP,
    DOES_NOT_EXIST,
    MULTI_VALUE_IN,
    CONDITION_LIMIT,
    UNSUPPORTED,
    NOT_FOUND,
    SKIPPED_OVERLAP,
    DERIVED_UID,
    DUPLICATE_UID,

    // conversion to contrail
    TAG_KEY_CLASH,
    MATCHES_OUTSIDE_CLUSTER,
    NAMESPACES_ENUMERATED,
    NAMED_PORT_RESOLVED,

    // Antrea admission (antrea-realization.md §1.5): what antrea-controller's webhook or the CRD schema refuses
    ANTREA_PRIORITY,
    ANTREA_RULE_NAME,
    ANTREA_ACTION,
    ANTREA_APPLIED_TO,
    ANTREA_PEER,
    ANTREA_PORT,
    ANTREA_IP_BLOCK,
    ANTREA_NAME,
    ANTREA_LABEL,
    ANTREA_SELECTOR,
    ANTREA_GROUP_SHAPE,
    ANTREA_TIER,
    ANTREA_REFERENCE,
    // DFW → Antrea realization: a DFW rule or group Antrea cannot enforce as written
    UNREALIZABLE
}
