#!/usr/bin/env bash
# Builds the chaincode-as-a-service package a Fabric 2.4+ peer installs for the settlement contract.
# The peer gets only the address of the running contract (and, with TLS, the CA certificate it checks the
# contract's certificate against); the contract itself runs as a server, see ledger/README.md.
# Settings (environment):
#   CHAINCODE_LABEL          package label                                     (default settlement_1.0)
#   CHAINCODE_ADDRESS        host:port the peer dials to reach it              (default settlement-chaincode:9999)
#   CHAINCODE_TLS            true if the contract serves TLS                   (default false)
#   CHAINCODE_TLS_ROOT_CERT  PEM file of the CA that signed the contract's TLS certificate (required with TLS)
#   CHAINCODE_TLS_CLIENT_CERT, CHAINCODE_TLS_CLIENT_KEY
#                            PEM files the peer presents when the contract requires client authentication
#                            (both or neither; default neither)
#   CHAINCODE_PACKAGE_OUT    where to write the package                         (default ledger/target/<label>.tar.gz)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
label="${CHAINCODE_LABEL:-settlement_1.0}"
address="${CHAINCODE_ADDRESS:-settlement-chaincode:9999}"
tls="${CHAINCODE_TLS:-false}"
root_cert="${CHAINCODE_TLS_ROOT_CERT:-}"
client_cert="${CHAINCODE_TLS_CLIENT_CERT:-}"
client_key="${CHAINCODE_TLS_CLIENT_KEY:-}"
out="${CHAINCODE_PACKAGE_OUT:-$root/ledger/target/${label}.tar.gz}"

fail() { echo "package-chaincode: $*" >&2; exit 1; }

[[ -f "$root/ledger/target/settlement-chaincode.jar" ]] || fail "build the contract first: ./exchange chaincode-package"
[[ "$tls" == true || "$tls" == false ]] || fail "CHAINCODE_TLS is true or false, not '$tls'"

# A PEM file as one JSON string: Fabric's connection.json holds certificates and keys inline.
pem_json() {
  local file="$1" what="$2"
  [[ -f "$file" ]] || fail "$what: no such file: $file"
  grep -q -- '-----BEGIN ' "$file" || fail "$what: $file is not a PEM file"
  printf '"%s"' "$(awk '{ sub(/\r$/, ""); printf "%s\\n", $0 }' "$file")"
}

tls_fields=""
if [[ "$tls" == true ]]; then
  # Without root_cert the peer has nothing to check the contract's certificate against and refuses to launch it.
  [[ -n "$root_cert" ]] || fail "CHAINCODE_TLS=true needs CHAINCODE_TLS_ROOT_CERT: the PEM file of the CA that signed the contract's TLS certificate"
  tls_fields=",\"root_cert\":$(pem_json "$root_cert" CHAINCODE_TLS_ROOT_CERT)"
  if [[ -n "$client_cert" || -n "$client_key" ]]; then
    [[ -n "$client_cert" && -n "$client_key" ]] || fail "give both CHAINCODE_TLS_CLIENT_CERT and CHAINCODE_TLS_CLIENT_KEY, or neither"
    tls_fields+=",\"client_auth_required\":true"
    tls_fields+=",\"client_cert\":$(pem_json "$client_cert" CHAINCODE_TLS_CLIENT_CERT)"
    tls_fields+=",\"client_key\":$(pem_json "$client_key" CHAINCODE_TLS_CLIENT_KEY)"
  fi
elif [[ -n "$root_cert" || -n "$client_cert" || -n "$client_key" ]]; then
  fail "CHAINCODE_TLS_ROOT_CERT / CHAINCODE_TLS_CLIENT_* are given but CHAINCODE_TLS is not true"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
printf '{"address":"%s","dial_timeout":"10s","tls_required":%s%s}\n' "$address" "$tls" "$tls_fields" > "$work/connection.json"
printf '{"type":"ccaas","label":"%s"}\n' "$label" > "$work/metadata.json"
tar -C "$work" -czf "$work/code.tar.gz" connection.json
mkdir -p "$(dirname "$out")"
tar -C "$work" -czf "$out" metadata.json code.tar.gz
echo "chaincode package: $out"
echo "contract jar:      $root/ledger/target/settlement-chaincode.jar"
echo "install with:      peer lifecycle chaincode install $out"
