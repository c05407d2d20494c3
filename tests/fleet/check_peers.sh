#!/usr/bin/env bash
# The fleet renderers' golden outputs, read by the tools they are written for:
# OpenSSH parses each ssh_config (`ssh -G`) and finds each verified key in
# known_hosts (`ssh-keygen -F`); ansible-inventory reads the INI and the YAML
# inventory of each case and both give the same groups, hosts and variables.
# The goldens equal the renderers' output (fleet_render_test), so this tests the renderers.
set -euo pipefail
cd "$(dirname "$0")"
command -v ansible-inventory >/dev/null || { echo "ansible-inventory not found (tools/install-deps --test)"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

for answers in *.answers.json; do
  case=${answers%.answers.json}
  # Every Host entry resolves to its HostName and HostKeyAlias.
  for host in $(awk '$1 == "Host" { print $2 }' "$case.ssh_config"); do
    want=$(awk -v h="$host" '$1 == "Host" { on = ($2 == h) } on && $1 == "HostName" { print $2 }' "$case.ssh_config")
    got=$(ssh -G -F "$case.ssh_config" "$host" 2>&1) || { fail "$case: ssh -G $host: $got"; continue; }
    grep -qx "hostname $want" <<<"$got" || fail "$case: ssh -G $host gives no hostname $want"
    grep -qx "hostkeyalias $host" <<<"$got" || fail "$case: ssh -G $host gives no hostkeyalias $host"
  done
  # Every verified key is found under its instance id, its addresses and names.
  while read -r hosts type key _; do
    for name in ${hosts//,/ }; do
      ssh-keygen -F "$name" -f "$case.known_hosts" | grep -qF "$key" || fail "$case: ssh-keygen -F $name misses a $type key"
    done
  done <"$case.known_hosts"
  # INI and YAML: the same inventory.
  cp "$case.ansible.ini" "$tmp/$case.ini"
  cp "$case.ansible.yaml" "$tmp/$case.yaml"
  ANSIBLE_INVENTORY_UNPARSED_FAILED=true ansible-inventory -i "$tmp/$case.ini" --list >"$tmp/ini.json" 2>"$tmp/ini.err" ||
    fail "$case: ansible-inventory rejects the INI: $(cat "$tmp/ini.err")"
  ANSIBLE_INVENTORY_UNPARSED_FAILED=true ansible-inventory -i "$tmp/$case.yaml" --list >"$tmp/yaml.json" 2>"$tmp/yaml.err" ||
    fail "$case: ansible-inventory rejects the YAML: $(cat "$tmp/yaml.err")"
  /usr/bin/python3 - "$tmp/ini.json" "$tmp/yaml.json" "$case.inventory.json" <<'PY' || fail "$case: the Ansible inventories differ from the model"
import json, sys
ini, yaml, model = (json.load(open(p)) for p in sys.argv[1:])
def norm(inv):
    groups = {g: sorted(v.get("hosts", [])) for g, v in inv.items() if g not in ("_meta", "all", "ungrouped")}
    groups = {g: h for g, h in groups.items() if h}
    return groups, inv["_meta"]["hostvars"]
a, b = norm(ini), norm(yaml)
if a != b:
    print("INI:", a, "\nYAML:", b); sys.exit(1)
for i in model["instances"]:
    stack = i["stack"].replace("-", "_")
    if i["id"] not in a[0].get(stack, []):
        print(i["id"], "not in group", stack); sys.exit(1)
    if i["address"] and a[1][i["id"]].get("ansible_host") != i["address"]:
        print(i["id"], "ansible_host", a[1][i["id"]]); sys.exit(1)
    for s in model["stacks"]:
        for o in s["outputs"]:
            if a[1][i["id"]].get(s["ansible_name"] + "_" + o["key"]) != o["value"]:
                print(i["id"], "lacks", o); sys.exit(1)
PY
done
[[ $failures -eq 0 ]] && echo "fleet peers: ok" || exit 1
