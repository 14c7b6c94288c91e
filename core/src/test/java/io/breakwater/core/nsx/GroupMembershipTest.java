package io.breakwater.core.nsx;

import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.core.k8s.Inventory;
import io.breakwater.core.k8s.Namespace;
import io.breakwater.core.k8s.Pod;
import io.breakwater.core.net.IpAddress;
import io.breakwater.core.nsx.Expression.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GroupMembershipTest {

    private static final Inventory INVENTORY = Inventory.of(
            List.of(new Namespace("shop", "", Map.of("Team", "Blue")), new Namespace("bank", "", Map.of("team", "red"))),
            List.of(pod("shop", "web", Map.of("App", "Web"), "10.0.0.1", false),
                    pod("shop", "db", Map.of("app", "db"), "10.0.0.2", false),
                    pod("shop", "agent", Map.of("app", "web"), "10.0.0.3", true),
                    pod("bank", "web", Map.of("app", "web"), "10.0.1.1", false),
                    pod("bank", "vault", Map.of("tier", "secret"), "10.0.1.2", false)));

    private static Pod pod(String ns, String name, Map<String, String> labels, String ip, boolean hostNetwork) {
        return new Pod(ns, name, "", labels, List.of(IpAddress.parse(ip).orElseThrow()), List.of(), hostNetwork, "n1");
    }

    private static List<String> members(Expression... expression) {
        var m = new GroupMembership(INVENTORY, List.of(new Group("g", "g", "", List.of("ANTREA"), List.of(expression),
                List.of())));
        PodSet set = m.members(Group.pathOf("g"));
        var keys = new ArrayList<String>();
        for (int i = set.nextSetBit(0); i >= 0; i = set.nextSetBit(i + 1)) {
            keys.add(INVENTORY.pods().get(i).key());
        }
        return keys;
    }

    private static Condition tag(String memberType, String value) {
        return new Condition(memberType, "Tag", "EQUALS", "EQUALS", value);
    }

    @Test
    void podTagsMatchWithoutRegardToCaseAndNeverHostNetworkPods() {
        assertThat(members(tag("Pod", "app|web"))).containsExactly("bank/web", "shop/web");
    }

    @Test
    void aTagWithoutValueSelectsEveryPodCarryingTheScope() {
        assertThat(members(tag("Pod", "tier|"))).containsExactly("bank/vault");
    }

    @Test
    void namespaceNameAndPodTagTogetherSelectOnlyThatNamespacesPods() {
        assertThat(members(new Condition("Namespace", "Name", "EQUALS", "EQUALS", "shop"), Expression.Conjunction.AND,
                tag("Pod", "app|db"))).containsExactly("shop/db");
    }

    @Test
    void namespaceTagsSelectThePodsOfTheNamespacesCarryingThem() {
        assertThat(members(tag("Namespace", "team|blue"))).containsExactly("shop/db", "shop/web");
    }

    @Test
    void conditionsTheIndexDoesNotCoverAreStillEvaluated() {
        assertThat(members(new Condition("Pod", "Tag", "NOTIN", "EQUALS", "app|web,db"))).containsExactly("bank/vault");
        assertThat(members(new Condition("Pod", "Name", "STARTSWITH", "EQUALS", "v"))).containsExactly("bank/vault");
    }

    @Test
    void ipExpressionsSelectThePodsWhoseAddressesTheyCover() {
        assertThat(members(new Expression.IpAddresses(List.of("10.0.1.0/24")))).containsExactly("bank/vault", "bank/web");
        assertThat(members(new Expression.IpAddresses(List.of("10.0.0.2-10.0.0.3", "10.0.1.2"))))
                .containsExactly("bank/vault", "shop/agent", "shop/db");
    }
}
