package io.breakwater.core.nsx;

import java.util.List;

/**
 * What an import produces: Antrea groups and DFW policies (allows first, then drops), the errors of the
 * NetworkPolicies that were not converted, warnings, and NSX's counts.
 * With {@link OnError#ABORT} and any error, {@code groups} and {@code securityPolicies} are empty.
 */
public record NsxConversion(List<Group> groups, List<SecurityPolicy> securityPolicies, List<ImportError> errors,
                            List<ImportError> warnings, int requestCount, int successCount) {

    public NsxConversion {
        groups = List.copyOf(groups);
        securityPolicies = List.copyOf(securityPolicies);
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }
}
