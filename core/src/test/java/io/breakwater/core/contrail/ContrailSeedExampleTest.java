package io.breakwater.core.contrail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.breakwater.core.contrail.ContrailOptions.ExceptForm;
import io.breakwater.core.k8s.Inventory;
import io.breakwater.core.normalize.K8sInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Seed 002's worked example: the seed form reproduces its tables; the default form is pinned by golden files. */
class ContrailSeedExampleTest {

    private static final String NP_POLICY = "default-test-network-policy";

    private static ContrailPlan convert(ExceptForm form) {
        K8sInput in = ContrailFixtures.input("seed-002/policies.yaml");
        var result = ContrailConverter.convert(in.policies(), Inventory.EMPTY,
                ContrailOptions.defaults().withExceptForm(form));
        assertThat(result.problems()).isEmpty();
        return result.value();
    }

    private static JsonNode seed() {
        return ContrailFixtures.yaml("seed-002/seed-tables.yaml");
    }

    private static List<String> texts(JsonNode array) {
        var out = new ArrayList<String>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void seedFormHasTheSeedTagsInTheSeedOrder() {
        ContrailPlan plan = convert(ExceptForm.SEED_DENY_RULE);

        assertThat(plan.tags()).extracting(Tag::toString).containsExactlyElementsOf(texts(seed().get("tags")));
    }

    @Test
    void seedFormHasTheSeedAddressGroups() {
        ContrailPlan plan = convert(ExceptForm.SEED_DENY_RULE);

        var want = new ArrayList<String>();
        seed().get("addressGroups").forEach(g -> want.add(g.get("name").asText() + " " + texts(g.get("prefixes"))));
        assertThat(plan.addressGroups()).extracting(g -> g.name() + " " + g.prefixTexts())
                .containsExactlyElementsOf(want);
    }

    @Test
    void seedFormHasTheSeedRuleTable() {
        ContrailPlan plan = convert(ExceptForm.SEED_DENY_RULE);

        var want = new ArrayList<List<String>>();
        seed().get("rules").forEach(row -> want.add(texts(row)));
        List<String> npRules = plan.firewallPolicies().getFirst().rules().stream().map(Sequenced::name).toList();
        assertThat(plan.firewallRules().stream().filter(r -> npRules.contains(r.name())))
                .extracting(r -> List.of(r.name(), r.action().spelling(), r.service().toString(),
                        asSeedWritesIt(plan, r.endpoint1()), r.direction().spelling(), asSeedWritesIt(plan, r.endpoint2())))
                .containsExactlyElementsOf(want);
    }

    /** The seed's rule table shows an address group by its prefixes, tags as {@code k=v && k=v}. */
    private static String asSeedWritesIt(ContrailPlan plan, FirewallEndpoint endpoint) {
        return switch (endpoint) {
            case FirewallEndpoint.AddressGroupRef ref -> "Address Group: " + String.join(", ", plan.addressGroups().stream()
                    .filter(g -> g.namespace().equals(ref.namespace()) && g.name().equals(ref.name()))
                    .findFirst().orElseThrow().prefixTexts());
            case FirewallEndpoint.Tags tags -> tags.toString();
            case FirewallEndpoint.Any any -> any.toString();
        };
    }

    @Test
    void seedFormFirewallPolicyHoldsTheSeedRulesInOrder() {
        ContrailPlan plan = convert(ExceptForm.SEED_DENY_RULE);

        FirewallPolicy policy = plan.firewallPolicies().getFirst();
        assertThat(policy.name()).isEqualTo(seed().get("firewallPolicy").get("name").asText());
        assertThat(policy.rules()).extracting(Sequenced::name)
                .containsExactlyElementsOf(texts(seed().get("firewallPolicy").get("rules")));
    }

    @Test
    void defaultFormReplacesTheExceptDenyRuleBySplitPrefixes() {
        ContrailPlan plan = convert(ExceptForm.SPLIT_PREFIXES);

        assertThat(plan.addressGroups()).extracting(AddressGroup::name, g -> g.prefixTexts().size())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("test-network-policy", 8),
                        org.assertj.core.groups.Tuple.tuple("test-network-policy-egress", 1));
        assertThat(plan.firewallRules()).filteredOn(r -> r.action() == FirewallAction.DENY)
                .extracting(FirewallRule::name).allMatch(n -> n.endsWith("-denyall"));
    }

    @Test
    void defaultFormJsonEqualsGoldenFile() throws IOException {
        assertGolden("seed-002/plan.json", ContrailDocuments.json(convert(ExceptForm.SPLIT_PREFIXES)));
    }

    @Test
    void defaultFormYamlEqualsGoldenFile() throws IOException {
        assertGolden("seed-002/plan.yaml", ContrailDocuments.yaml(convert(ExceptForm.SPLIT_PREFIXES)));
    }

    @Test
    void applicationPolicySetAppliesThePolicyBeforeDenyAllAndAllowAll() {
        ContrailPlan plan = convert(ExceptForm.SPLIT_PREFIXES);

        assertThat(plan.applicationPolicySets().getFirst().firewallPolicies()).extracting(Sequenced::name)
                .containsExactly(NP_POLICY, ContrailConverter.DENY_ALL_POLICY, ContrailConverter.ALLOW_ALL_POLICY);
    }

    /** Set -Dbreakwater.updateGolden=true to rewrite the golden files from the current output, then review the diff. */
    private static void assertGolden(String name, String actual) throws IOException {
        Path source = Path.of("src/test/resources/contrail", name);
        if (Boolean.getBoolean("breakwater.updateGolden")) {
            Files.writeString(source, actual);
        }
        assertThat(actual).isEqualTo(Files.readString(source));
    }
}
