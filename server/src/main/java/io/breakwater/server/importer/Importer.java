package io.breakwater.server.importer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.core.k8s.NetworkPolicy;
import io.breakwater.core.normalize.K8sInput;
import io.breakwater.core.normalize.Normalizer;
import io.breakwater.core.nsx.DfwRule;
import io.breakwater.core.nsx.Group;
import io.breakwater.core.nsx.NsxConversion;
import io.breakwater.core.nsx.NsxConverter;
import io.breakwater.core.nsx.NsxOptions;
import io.breakwater.core.nsx.OnError;
import io.breakwater.core.nsx.SecurityPolicy;
import io.breakwater.core.problem.Problem;
import io.breakwater.core.read.K8sDocument;
import io.breakwater.server.audit.AuditLog;
import io.breakwater.server.desired.DesiredChanges;
import io.breakwater.server.desired.DesiredStates;
import io.breakwater.server.domain.DomainException;
import io.breakwater.server.inventory.InventoryStore;
import io.breakwater.server.json.Json;
import io.breakwater.server.policy.PolicyDocuments;
import io.breakwater.server.policy.CapacityGuard;
import io.breakwater.server.policy.Configuration;
import io.breakwater.server.policy.ImportMark;
import io.breakwater.server.policy.ImportMarks;
import io.breakwater.server.policy.Preview;
import io.breakwater.server.policy.PolicyKind;
import io.breakwater.server.policy.PolicyRow;
import io.breakwater.server.policy.PolicyStore;
import io.breakwater.server.policy.Revisions;
import io.breakwater.server.store.Database;
import io.breakwater.server.store.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /infra/import-k8s-np-to-dfw} (seed 000, nsx-api.md §7): finds the NetworkPolicies by uid in the
 * registered clusters' inventories, converts them per cluster with the core NSX converter and writes groups,
 * policies, rules and the import marks in ONE transaction. ABORT with any error and dry runs commit nothing;
 * CONTINUE commits the converted ones.
 */
public final class Importer {

    private static final Logger LOG = LoggerFactory.getLogger(Importer.class);

    private final Database db;
    private final DesiredStates desired;
    private final Clock clock;
    private final CapacityGuard capacity;

    public Importer(Database db, DesiredStates desired, Clock clock) {
        this(db, desired, clock, new CapacityGuard(io.breakwater.server.domain.CapacityLimits.NSX));
    }

    public Importer(Database db, DesiredStates desired, Clock clock, CapacityGuard capacity) {
        this.capacity = capacity;
        this.db = db;
        this.desired = desired;
        this.clock = clock;
    }

    /** Errors per uid, in request order. */
    private static final class Errors {
        final Map<String, List<String[]>> byUid = new LinkedHashMap<>();

        void add(String uid, String code, String message) {
            byUid.computeIfAbsent(uid, k -> new ArrayList<>()).add(new String[] {code, message});
        }

        boolean any() {
            return !byUid.isEmpty();
        }
    }

    public ObjectNode run(ImportRequest request, String user) {
        return execute(request, user, Optional.empty());
    }

    /**
     * A dry run that also answers the objects and import marks the import would add ({@code objects},
     * {@code import_marks}, as a Policy API preview) with the configuration before and after it.
     */
    public Preview preview(ImportRequest request, String user) {
        var seen = new Seen();
        ObjectNode out = execute(request.asDryRun(), user, Optional.of(seen));
        out.set("objects", Revisions.objects(seen.changes.objects()));
        out.put("object_count", seen.changes.objects().size());
        out.set("import_marks", Revisions.marks(seen.changes.marks()));
        return new Preview(out, seen.before, seen.before.applied(seen.changes), Optional.of(seen.clusters));
    }

    /** What a previewed import saw in its rolled-back transaction. */
    private static final class Seen {
        Configuration before;
        Revisions.Collected changes;
        Set<String> clusters = Set.of();
    }

    private ObjectNode execute(ImportRequest request, String user, Optional<Seen> preview) {
        var errors = new Errors();
        var warnings = new ArrayList<String>();
        int[] success = {0};
        var converted = new TreeMap<String, ImportPreview.Converted>();
        Database.Work<Void> work = c -> {
            errors.byUid.clear();
            warnings.clear();
            success[0] = 0;
            long t0 = System.nanoTime();
            Map<String, List<InventoryStore.StoredItem>> byCluster = lookUp(c, request.ids(), errors);
            long t1 = System.nanoTime();
            var conversions = new TreeMap<String, NsxConversion>();
            converted.clear();
            for (var e : byCluster.entrySet()) {
                ImportPreview.Converted conversion = convert(c, e.getKey(), e.getValue(), request, errors);
                converted.put(e.getKey(), conversion);
                NsxConversion conv = conversion.conversion();
                conv.errors().forEach(err -> errors.add(err.uid(), code(err.problem()), err.problem().toString()));
                conv.warnings().forEach(w -> warnings.add(w.problem().toString()));
                conversions.put(e.getKey(), conv);
            }
            refuseTakenPaths(c, conversions, byCluster, errors);
            long t2 = System.nanoTime();
            if (request.onError() == OnError.ABORT && errors.any()) {
                return null;
            }
            for (var e : conversions.entrySet()) {
                success[0] += write(c, e.getKey(), e.getValue(), byCluster.get(e.getKey()), errors, user);
            }
            capacity.checkTotals(c);
            LOG.debug("import: lookup {} ms, convert {} ms, write {} ms", (t1 - t0) / 1_000_000,
                    (t2 - t1) / 1_000_000, (System.nanoTime() - t2) / 1_000_000);
            return null;
        };
        try {
            if (preview.isPresent()) {
                Seen seen = preview.get();
                db.rolledBack(c -> {
                    seen.before = Configuration.current(c);
                    Revisions.begin(c);
                    try {
                        work.run(c);
                        seen.changes = Revisions.collect(c);
                        seen.clusters = Set.copyOf(converted.keySet());
                    } finally {
                        Revisions.discard(c);
                    }
                    return null;
                });
            } else if (request.dryRun()) {
                db.rolledBack(work);
            } else {
                db.inTransaction(c -> {
                    Revisions.begin(c);
                    try {
                        work.run(c);
                        if (request.onError() == OnError.ABORT && errors.any()) {
                            c.rollback();
                        } else {
                            Revisions.Collected changes = Revisions.collect(c);
                            Revisions.record(c, changes, clock.millis(), user, "import");
                            long t = System.nanoTime();
                            desired.update(c, DesiredChanges.of(changes));
                            LOG.debug("import: desired state {} ms", (System.nanoTime() - t) / 1_000_000);
                        }
                    } finally {
                        Revisions.discard(c);
                    }
                    return null;
                });
            }
        } catch (StoreException e) {
            if (e.isIntegrityViolation()) {
                throw DomainException.conflict(DomainException.Conflict.Reason.STALE_REVISION, "another import of the same NetworkPolicies ran at "
                        + "the same time; nothing was committed, retry");
            }
            throw e;
        }
        if (!request.dryRun() && !(request.onError() == OnError.ABORT && errors.any())) {
            desired.signal();
        }
        int succeeded = request.onError() == OnError.ABORT && errors.any() ? 0 : success[0];
        ObjectNode out = response(request, succeeded, errors, warnings);
        if (request.dryRun()) {
            out.set("preview", ImportPreview.of(converted));
        }
        return out;
    }

    /** The NetworkPolicies by cluster; unknown and already imported uids become errors (the request has no repeats). */
    private static Map<String, List<InventoryStore.StoredItem>> lookUp(Connection c, List<String> ids, Errors errors)
            throws SQLException {
        var found = new TreeMap<String, InventoryStore.StoredItem>();
        for (InventoryStore.StoredItem s : InventoryStore.networkPoliciesByUid(c, ids)) {
            found.put(s.item().uid(), s);
        }
        Set<String> imported = importedAmong(c, ids);
        var byCluster = new TreeMap<String, List<InventoryStore.StoredItem>>();
        for (String uid : ids) {
            if (!found.containsKey(uid)) {
                errors.add(uid, "NP_NOT_FOUND", uid + ": no NetworkPolicy with this uid in any registered cluster's "
                        + "inventory");
            } else if (imported.contains(uid)) {
                InventoryStore.StoredItem s = found.get(uid);
                errors.add(uid, "NP_ALREADY_IMPORTED", s.item().namespace() + "/" + s.item().name()
                        + ": already imported from cluster " + s.cluster());
            } else {
                byCluster.computeIfAbsent(found.get(uid).cluster(), k -> new ArrayList<>()).add(found.get(uid));
            }
        }
        return byCluster;
    }

    private static Set<String> importedAmong(Connection c, List<String> ids) throws SQLException {
        var out = new HashSet<String>();
        try (var st = c.prepareStatement("select 1 from imported_np where uid = ?")) {
            for (String uid : ids) {
                st.setString(1, uid);
                try (var rs = st.executeQuery()) {
                    if (rs.next()) {
                        out.add(uid);
                    }
                }
            }
        }
        return out;
    }

    /** Normalizes the cluster's inventory and converts the requested policies; invalid ones become errors. */
    private static ImportPreview.Converted convert(Connection c, String cluster, List<InventoryStore.StoredItem> requested,
            ImportRequest request, Errors errors) throws SQLException {
        var docs = new ArrayList<K8sDocument>();
        var items = new ArrayList<>(InventoryStore.ofClusterWithout(c, cluster, "NetworkPolicy"));
        items.addAll(requested); // already read by the lookup; the cluster's other NetworkPolicies stay out
        for (InventoryStore.StoredItem s : items) {
            docs.add(new K8sDocument(cluster + ":" + s.item().kind() + "/" + s.item().namespace() + "/"
                    + s.item().name(), s.item().body()));
        }
        var normalized = Normalizer.normalize(docs);
        K8sInput input = normalized.value();
        var byKey = new java.util.HashMap<String, NetworkPolicy>();
        input.policies().forEach(p -> byKey.put(p.namespace() + "/" + p.name(), p));
        var policies = new ArrayList<NetworkPolicy>();
        for (InventoryStore.StoredItem s : requested) {
            String key = s.item().namespace() + "/" + s.item().name();
            NetworkPolicy np = byKey.get(key);
            if (np == null) {
                normalized.errors().stream()
                        .filter(p -> p.object().kind().equals("NetworkPolicy") && p.object().toString().equals(key))
                        .forEach(p -> errors.add(s.item().uid(), code(p), p.toString()));
                if (!errors.byUid.containsKey(s.item().uid())) {
                    errors.add(s.item().uid(), "NP_INVALID", key + ": the stored NetworkPolicy is not valid");
                }
            } else {
                policies.add(np);
            }
        }
        NsxOptions options = NsxOptions.of(cluster).withOnError(request.onError()).withPlacement(request.placement())
                .withExistingApplicationPolicies(existingApplicationPolicies(c, cluster));
        return new ImportPreview.Converted(NsxConverter.convert(policies, input.inventory(), options), input, policies);
    }

    /** Application policies already spanning the cluster: the default placement goes after them (seed 000). */
    private static List<SecurityPolicy> existingApplicationPolicies(Connection c, String cluster) throws SQLException {
        var out = new ArrayList<SecurityPolicy>();
        // only the highest sequence number counts (Placement.AfterExisting); one light record per policy
        for (PolicyStore.StoredBody row : PolicyStore.bodies(c, PolicyKind.SECURITY_POLICY)) {
            ObjectNode doc = Json.readObject(row.body());
            if (!"Application".equals(doc.path("category").asText()) || !DesiredStates.spans(doc, cluster)) {
                continue;
            }
            String id = row.id();
            out.add(new SecurityPolicy(id, id, "", "Application",
                    doc.path("sequence_number").asInt(0), List.of(), true, true, List.of(), List.of()));
        }
        return out;
    }

    /** Writes one cluster's converted objects and marks; returns how many NetworkPolicies were imported. */
    private int write(Connection c, String cluster, NsxConversion conv, List<InventoryStore.StoredItem> requested,
            Errors errors, String user) throws SQLException {
        long now = clock.millis();
        var rows = new ArrayList<PolicyStore.NewObject>();
        for (Group g : conv.groups()) {
            if (!errors.byUid.containsKey(uidOf(g.tags()))) {
                capacity.checkCriteria(g.path(), g.expression().stream()
                        .filter(e -> !(e instanceof io.breakwater.core.nsx.Expression.Conjunction)).count());
                rows.add(new PolicyStore.NewObject(PolicyKind.GROUP, PolicyKind.DOMAIN, g.id(),
                        PolicyDocuments.stored(g)));
            }
        }
        for (SecurityPolicy p : conv.securityPolicies()) {
            if (errors.byUid.containsKey(uidOf(p.tags()))) {
                continue;
            }
            rows.add(new PolicyStore.NewObject(PolicyKind.SECURITY_POLICY, PolicyKind.DOMAIN, p.id(),
                    PolicyDocuments.stored(p)));
            for (DfwRule r : p.rules()) {
                rows.add(new PolicyStore.NewObject(PolicyKind.RULE, p.path(), r.id(), PolicyDocuments.stored(r)));
            }
        }
        LOG.info("import: writing {} objects for {} NetworkPolicies of cluster {}", rows.size(), requested.size(),
                cluster);
        PolicyStore.insertAll(c, rows, now, user);
        var marks = new ArrayList<ImportMark>();
        for (InventoryStore.StoredItem s : requested) {
            if (!errors.byUid.containsKey(s.item().uid())) {
                marks.add(new ImportMark(s.item().uid(), cluster, s.item().namespace(), s.item().name(), now, user,
                        false));
            }
        }
        ImportMarks.insertAll(c, marks);
        int count = marks.size();
        AuditLog.record(c, now, user, "IMPORT", "/infra/import-k8s-np-to-dfw", count + " NetworkPolicies of cluster "
                + cluster + " imported as " + conv.securityPolicies().size() + " policies and "
                + conv.groups().size() + " groups");
        return count;
    }

    /**
     * An import writes a NetworkPolicy's objects and its mark together or not at all, so objects at its paths
     * without a mark were made by hand (or by an older server): that NetworkPolicy gets an error naming the path,
     * instead of the whole import failing on the store's uniqueness check for ever.
     */
    private static void refuseTakenPaths(Connection c, Map<String, NsxConversion> conversions,
            Map<String, List<InventoryStore.StoredItem>> byCluster, Errors errors) throws SQLException {
        var paths = new ArrayList<Map.Entry<String, String>>(); // uid → path
        for (NsxConversion conv : conversions.values()) {
            conv.groups().forEach(g -> paths.add(Map.entry(uidOf(g.tags()), g.path())));
            conv.securityPolicies().forEach(p -> paths.add(Map.entry(uidOf(p.tags()), p.path())));
        }
        // only the paths this import would write are looked up: the store may hold 100,000s of objects
        Set<String> taken = PolicyStore.existingAmong(c, PolicyKind.DOMAIN,
                paths.stream().map(Map.Entry::getValue).toList());
        var names = new java.util.HashMap<String, String>();
        byCluster.values().forEach(items -> items.forEach(s ->
                names.put(s.item().uid(), s.item().namespace() + "/" + s.item().name())));
        for (var e : paths) {
            if (taken.contains(e.getValue()) && !errors.byUid.containsKey(e.getKey())) {
                errors.add(e.getKey(), "NP_OBJECT_EXISTS", names.get(e.getKey()) + ": " + e.getValue()
                        + " exists already but this NetworkPolicy is not marked imported; delete that object "
                        + "to import it");
            }
        }
    }

    private static String uidOf(List<io.breakwater.core.nsx.Tag> tags) {
        return tags.stream().filter(t -> t.scope().equals(io.breakwater.core.nsx.ImportTags.NETWORK_POLICY_UID))
                .map(io.breakwater.core.nsx.Tag::tag).findFirst().orElse("");
    }

    /** NSX-style string codes: {@code NP_} and the core problem code (nsx-api.md §7). */
    static String code(Problem p) {
        return "NP_" + p.code().name();
    }

    private static ObjectNode response(ImportRequest request, int success, Errors errors, List<String> warnings) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("request_count", request.ids().size());
        out.put("success_count", success);
        ArrayNode list = out.putArray("errors");
        errors.byUid.forEach((uid, items) -> {
            ObjectNode e = list.addObject();
            e.put("network_policy_id", uid);
            ArrayNode details = e.putArray("errors");
            for (String[] item : items) {
                details.addObject().put("error_code", item[0]).put("error_message", item[1]);
            }
        });
        out.putArray("errors_general");
        ArrayNode w = out.putArray("warnings");
        warnings.forEach(w::add);
        out.put("dry_run", request.dryRun());
        return out;
    }
}
