// Schema check of the Kubernetes manifests without a cluster: each document is built as the
// kubernetes-models class of its apiVersion/kind (generated from Kubernetes' OpenAPI schema) and
// validated: types, required fields, enums, formats. kubectl --dry-run=client needs a server for
// its schema, so it cannot run here. Not checked: unknown fields (the models keep them as given).
// Usage: node validate.mjs FILE.yaml... (scripts/k8s-schema-check.sh installs the packages and runs it)
import { readFileSync } from "node:fs";
import { loadAll } from "js-yaml";

let failed = 0;
for (const file of process.argv.slice(2)) {
  for (const [n, doc] of loadAll(readFileSync(file, "utf8")).entries()) {
    if (doc == null) continue;
    const where = `${file} document ${n + 1} (${doc.apiVersion} ${doc.kind})`;
    try {
      const [group, version] = doc.apiVersion.includes("/") ? doc.apiVersion.split("/") : ["v1", ""];
      const modulePath = version ? `kubernetes-models/${group}/${version}/${doc.kind}` : `kubernetes-models/v1/${doc.kind}`;
      const { [doc.kind]: Model } = await import(modulePath);
      const model = new Model(doc);
      model.validate();
      console.log(`ok: ${where}`);
    } catch (e) {
      failed++;
      console.log(`error: ${where}: ${e.message}`);
    }
  }
}
process.exit(failed > 0 ? 1 : 0);

