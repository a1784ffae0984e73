#!/usr/bin/env bash
# Builds the chaincode-as-a-service package a Fabric 2.4+ peer installs for the settlement contract.
# The peer gets only the address of the running contract; the contract itself runs as
#   CHAINCODE_SERVER_ADDRESS=0.0.0.0:9999 CORE_CHAINCODE_ID_NAME=<package id> java -jar settlement-chaincode.jar
# Settings (environment):
#   CHAINCODE_LABEL    package label                          (default settlement_1.0)
#   CHAINCODE_ADDRESS  host:port the peer dials to reach it   (default settlement-chaincode:9999)
#   CHAINCODE_TLS      true if the contract serves TLS        (default false)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
label="${CHAINCODE_LABEL:-settlement_1.0}"
address="${CHAINCODE_ADDRESS:-settlement-chaincode:9999}"
tls="${CHAINCODE_TLS:-false}"
out="$root/ledger/target/${label}.tar.gz"

[[ -f "$root/ledger/target/settlement-chaincode.jar" ]] || {
  echo "package-chaincode: build the contract first: ./exchange chaincode-package" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
printf '{"address":"%s","dial_timeout":"10s","tls_required":%s}\n' "$address" "$tls" > "$work/connection.json"
printf '{"type":"ccaas","label":"%s"}\n' "$label" > "$work/metadata.json"
tar -C "$work" -czf "$work/code.tar.gz" connection.json
tar -C "$work" -czf "$out" metadata.json code.tar.gz
echo "chaincode package: $out"
echo "contract jar:      $root/ledger/target/settlement-chaincode.jar"
echo "install with:      peer lifecycle chaincode install $out"
