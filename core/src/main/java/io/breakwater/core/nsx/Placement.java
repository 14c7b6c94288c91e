package io.breakwater.core.nsx;

/**
 * Where imported policies go in the Application category. Every allow policy of a request gets one number
 * and every drop policy a higher one, so the drop of one NetworkPolicy never shadows another's allow.
 */
public sealed interface Placement {

    int MAX_SEQUENCE_NUMBER = 999_999;

    /**
     * No numbers in the request: allows at the highest sequence number of the existing Application policies
     * plus 1 (1 when there are none), drops at that plus 1 — after every existing Application policy.
     */
    record AfterExisting() implements Placement {}

    /** {@code sequence_number_upper} for allows, {@code sequence_number_lower} for drops; lower must be greater. */
    record Fixed(int upper, int lower) implements Placement {
        public Fixed {
            if (upper < 0 || lower > MAX_SEQUENCE_NUMBER || lower <= upper) {
                throw new IllegalArgumentException("need 0 <= sequence_number_upper < sequence_number_lower <= "
                        + MAX_SEQUENCE_NUMBER + ", got upper " + upper + ", lower " + lower);
            }
        }
    }

    Placement AFTER_EXISTING = new AfterExisting();
}
