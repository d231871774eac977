# Writes hostile and large legitimate definition files of about 1 MB each (h-*.yaml, in the working
# directory), for timing `steadfast validate` on them within a bounded heap:
#   python3 engine/bench/hostile-yaml.py && for f in h-*.yaml; do
#     /usr/bin/time -f "$f %e s %M KB" env STEADFAST_JAVA_OPTS=-Xmx100m ./steadfast validate $f >/dev/null; done
# h-tiny.yaml is the baseline: the JVM's start and the shipped definitions alone.
import sys
LIMIT = 1_000_000
H = "apiVersion: steadfast/v1\nkind: Standard\nid: {}\n"
def tree(key, depth, p="a"):
    out=[key+":", f"  {p}0: &{p}0 {{x: 1}}"]
    for i in range(1, depth+1):
        out.append(f"  {p}{i}: &{p}{i} {{l: *{p}{i-1}, r: *{p}{i-1}}}")
    return "\n".join(out)+"\n"
def fill(first, make):
    docs=[first]; size=len(first); i=0
    while True:
        d = make(i)
        if size + len(d) + 4 > LIMIT: break
        docs.append(d); size += len(d)+4; i+=1
    return "---\n".join(docs)
out = {}
out["bomb40"] = H.format("base") + "abstract: true\n" + tree("testWeights", 40) + "---\n" + H.format("child") + "extends: base\nsuites: [recommended]\n" + tree("testWeights", 40)
out["trees"] = fill(H.format("t") + "abstract: true\n" + tree("testWeights", 14), lambda i: H.format(f"t{i}") + "abstract: true\n" + tree("testWeights", 14))
out["inherit"] = fill(H.format("base") + "abstract: true\ntestWeights:\n" + "".join(f"  t{i}: 1\n" for i in range(9000)),
                      lambda i: H.format(f"c{i}") + "extends: base\nsuites: [recommended]\n")
out["chain"] = fill(H.format("s0") + "suites: [recommended]\n", lambda i: H.format(f"s{i+1}") + f"extends: s{i}\n")
out["flatlist"] = H.format("f") + "suites: [" + ",".join(["recommended"] * ((LIMIT - 100) // 12)) + "]\n"
out["keys"] = H.format("k") + "suites: [recommended]\ntestWeights:\n" + "".join(f"  k{i}: 1\n" for i in range((LIMIT - 100) // 12))
out["deep"] = H.format("d") + "gate: " + "[" * 400000 + "]" * 400000 + "\n"
svc = "apiVersion: steadfast/v1\nkind: Service\nid: s{0}\nteam: t\ntier: tier-2\ninstances: [{{id: i-1, zone: a}}]\n"
out["services"] = fill(svc.format("x"), lambda i: svc.format(i))
suite_tests = "".join(f"  - {{id: t{i}, category: c, fault: {{type: cpu, stages: [50]}}, duration: 5m}}\n" for i in range(8000))
out["suite"] = ("apiVersion: steadfast/v1\nkind: TestSuite\nid: big\nversion: 1\ncategories: [{id: c}]\ntests:\n" + suite_tests
    + "---\n" + H.format("std") + "suites: [big]\nmustPass: [" + ",".join(f"t{i}" for i in range(8000)) + "]\ntestWeights: {"
    + ",".join(f"t{i}: 1" for i in range(8000)) + "}\n")
out["suitekids"] = fill("apiVersion: steadfast/v1\nkind: TestSuite\nid: big\nversion: 1\ncategories: [{id: c}]\ntests:\n" + suite_tests[:len(suite_tests)//2],
    lambda i: f"apiVersion: steadfast/v1\nkind: TestSuite\nid: k{i}\nversion: 1\nextends: big\n")
out["tiny"] = H.format("tiny") + "suites: [recommended]\n"
for k, v in out.items():
    open(f"h-{k}.yaml", "w").write(v)
    print(k, len(v.encode()))
