#!/usr/bin/env bash
# A three-organisation Hyperledger Fabric 2.5 network for the exchange on one machine, loopback only, from
# Fabric's released binaries. See network/README.md.
#
#   fabric-network.sh up        crypto material, the channel, the orderer and both peers, the contract, the profiles
#   fabric-network.sh deploy    deploy or upgrade the settlement contract (chaincode as a service) on the running network
#   fabric-network.sh profiles  write one connection profile per organisation
#   fabric-network.sh status    the network's processes
#   fabric-network.sh stop      stop every process the network started (by its recorded pid), keep its files
#   fabric-network.sh down      stop, then delete the network's directory
#
# Settings (environment):
#   FABRIC_BIN                 folder of Fabric's binaries: peer orderer configtxgen osnadmin cryptogen (required)
#   FABRIC_CFG                 folder of Fabric's core.yaml and orderer.yaml          (default $FABRIC_BIN/../config)
#   EXCHANGE_NETWORK_DIR       where the network keeps everything                     (default network/target/fabric)
#   EXCHANGE_NETWORK_PORT_BASE first of the 20 loopback ports the network uses        (default 7050)
#   CONTRACT_VERSION           the chaincode definition's version                     (default 1.0)
#   CONTRACT_TLS               the contract servers serve TLS                          (default true)
#   ENDORSEMENT_POLICY         the contract's endorsement policy (default: both the operator's and the regulator's peer)
#   JAVA                       a Java 21+ launcher for the contract servers           (default $JAVA_HOME/bin/java or java)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
dir="${EXCHANGE_NETWORK_DIR:-$root/network/target/fabric}"
base="${EXCHANGE_NETWORK_PORT_BASE:-7050}"
version="${CONTRACT_VERSION:-1.0}"
contract_tls="${CONTRACT_TLS:-true}"
policy="${ENDORSEMENT_POLICY:-AND('OperatorMSP.peer','RegulatorMSP.peer')}"
channel=exchange
chaincode=settlement
crypto="$dir/crypto"

# The ports, all on 127.0.0.1.
orderer_port=$base
orderer_admin_port=$((base + 3))
orderer_ops_port=$((base + 4))
declare -A peer_port=([operator]=$((base + 1)) [regulator]=$((base + 11)))
declare -A chaincode_port=([operator]=$((base + 2)) [regulator]=$((base + 12)))
declare -A ops_port=([operator]=$((base + 5)) [regulator]=$((base + 15)))
declare -A contract_port=([operator]=$((base + 6)) [regulator]=$((base + 16)))
declare -A msp=([operator]=OperatorMSP [regulator]=RegulatorMSP [merchant]=MerchantMSP)
declare -A role=([operator]=OPERATOR [regulator]=REGULATOR [merchant]=MERCHANT)
peer_orgs=(operator regulator)

die() { echo "fabric-network: $*" >&2; exit 1; }
say() { echo "fabric-network: $*"; }

check_binaries() {
  [[ -n "${FABRIC_BIN:-}" ]] || die "set FABRIC_BIN to the bin/ folder of Hyperledger Fabric 2.5's released binaries (peer, orderer, configtxgen, osnadmin, cryptogen); see network/README.md"
  local b
  for b in peer orderer configtxgen osnadmin cryptogen; do
    [[ -x "$FABRIC_BIN/$b" ]] || die "FABRIC_BIN=$FABRIC_BIN has no executable '$b'; it must be the bin/ folder of Fabric 2.5's released binaries"
  done
  fabric_cfg="${FABRIC_CFG:-$FABRIC_BIN/../config}"
  [[ -f "$fabric_cfg/core.yaml" && -f "$fabric_cfg/orderer.yaml" ]] \
    || die "no core.yaml and orderer.yaml in $fabric_cfg: set FABRIC_CFG to the config/ folder of Fabric's release"
  fabric_cfg="$(cd "$fabric_cfg" && pwd)"
}

check_java() {
  java_cmd="${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/java}}"
  java_cmd="${java_cmd:-java}"
  command -v "$java_cmd" >/dev/null 2>&1 || die "no Java found for the contract servers: set JAVA or JAVA_HOME (Java 21 or newer)"
  local v
  v=$("$java_cmd" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  [[ "${v%%.*}" =~ ^[0-9]+$ && "${v%%.*}" -ge 21 ]] || die "$java_cmd is Java $v; the contract needs Java 21 or newer (set JAVA or JAVA_HOME, or run through ./exchange network)"
  [[ -f "$root/ledger/target/settlement-chaincode.jar" ]] || die "build the contract first: ./exchange chaincode-package (or run through ./exchange network)"
}

# ----------------------------------------------------------------------------------------------- processes

pid_file() { echo "$dir/pids/$1.pid"; }

# True when the process recorded under $1 still runs.
running() {
  local f pid
  f="$(pid_file "$1")"
  [[ -f "$f" ]] || return 1
  pid="$(cat "$f")"
  kill -0 "$pid" 2>/dev/null
}

# start NAME ENV... -- COMMAND ARGS...: runs in the background, logs to logs/NAME.log, records its pid.
start() {
  local name="$1"; shift
  local envs=()
  while [[ "$1" != "--" ]]; do envs+=("$1"); shift; done
  shift
  running "$name" && die "$name is already running (pid $(cat "$(pid_file "$name")"))"
  mkdir -p "$dir/pids" "$dir/logs"
  env "${envs[@]}" "$@" </dev/null >>"$dir/logs/$name.log" 2>&1 &
  echo $! >"$(pid_file "$name")"
}

wait_port() {
  local name="$1" port="$2" i
  for ((i = 0; i < 240; i++)); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
    running "$name" || die "$name exited at start; its log: $dir/logs/$name.log"$'\n'"$(tail -n 20 "$dir/logs/$name.log")"
    sleep 0.5
  done
  die "$name is not listening on 127.0.0.1:$port after 120 s; its log: $dir/logs/$name.log"
}

stop_one() {
  local name="$1" f pid i
  f="$(pid_file "$name")"
  [[ -f "$f" ]] || return 0
  pid="$(cat "$f")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 40; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
    say "stopped $name (pid $pid)"
  fi
  rm -f "$f"
}

stop_all() {
  local f
  [[ -d "$dir/pids" ]] || return 0
  # Contract servers first, then the peers that dial them, then the orderer.
  for f in "$dir"/pids/contract-*.pid "$dir"/pids/peer-*.pid "$dir"/pids/orderer.pid; do
    [[ -f "$f" ]] && stop_one "$(basename "$f" .pid)"
  done
  return 0
}

# ----------------------------------------------------------------------------------------------- paths

org_domain() { echo "$1.exchange.local"; }
peer_dir() { echo "$crypto/peerOrganizations/$(org_domain "$1")/peers/peer0.$(org_domain "$1")"; }
contract_tls_dir() { echo "$crypto/peerOrganizations/$(org_domain "$1")/peers/contract.$(org_domain "$1")/tls"; }
admin_msp() { echo "$crypto/peerOrganizations/$(org_domain "$1")/users/Admin@$(org_domain "$1")/msp"; }
user_dir() { echo "$crypto/peerOrganizations/$(org_domain "$1")/users/User1@$(org_domain "$1")/msp"; }
tls_ca() { echo "$crypto/peerOrganizations/$(org_domain "$1")/tlsca/tlsca.$(org_domain "$1")-cert.pem"; }
orderer_dir="" # set in paths_init
orderer_admin=""
orderer_ca=""
paths_init() {
  orderer_dir="$crypto/ordererOrganizations/orderer.exchange.local/orderers/orderer0.orderer.exchange.local"
  orderer_admin="$crypto/ordererOrganizations/orderer.exchange.local/users/Admin@orderer.exchange.local"
  orderer_ca="$crypto/ordererOrganizations/orderer.exchange.local/tlsca/tlsca.orderer.exchange.local-cert.pem"
}

# The peer CLI as an organisation's admin, against its own peer.
peer_as_admin() {
  local org="$1"; shift
  env FABRIC_CFG_PATH="$fabric_cfg" \
    CORE_PEER_LOCALMSPID="${msp[$org]}" \
    CORE_PEER_MSPCONFIGPATH="$(admin_msp "$org")" \
    CORE_PEER_ADDRESS="127.0.0.1:${peer_port[$org]}" \
    CORE_PEER_TLS_ENABLED=true \
    CORE_PEER_TLS_ROOTCERT_FILE="$(tls_ca "$org")" \
    "$FABRIC_BIN/peer" "$@"
}

orderer_args=()
orderer_args_init() {
  orderer_args=(-o "127.0.0.1:$orderer_port" --tls --cafile "$orderer_ca")
}

# ----------------------------------------------------------------------------------------------- up

check_ports_free() {
  local p
  for p in "$orderer_port" "$orderer_admin_port" "$orderer_ops_port" "${peer_port[@]}" "${chaincode_port[@]}" \
           "${ops_port[@]}" "${contract_port[@]}"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      die "127.0.0.1:$p is in use; choose other ports with EXCHANGE_NETWORK_PORT_BASE"
    fi
  done
}

make_crypto() {
  say "crypto material (cryptogen) under $crypto"
  "$FABRIC_BIN/cryptogen" generate --config="$root/network/config/crypto-config.yaml" --output="$crypto" >/dev/null
}

make_channel_block() {
  mkdir -p "$dir/config" "$dir/channel"
  sed -e "s|@CRYPTO@|$crypto|g" -e "s|@ORDERER_PORT@|$orderer_port|g" \
      -e "s|@OPERATOR_PEER_PORT@|${peer_port[operator]}|g" -e "s|@REGULATOR_PEER_PORT@|${peer_port[regulator]}|g" \
      "$root/network/config/configtx.yaml" >"$dir/config/configtx.yaml"
  say "channel '$channel' genesis block (configtxgen, no system channel)"
  FABRIC_CFG_PATH="$dir/config" "$FABRIC_BIN/configtxgen" -profile ExchangeChannel -channelID "$channel" \
    -outputBlock "$dir/channel/$channel.block" >"$dir/logs/configtxgen.log" 2>&1 \
    || die "configtxgen failed: $(tail -n 5 "$dir/logs/configtxgen.log")"
}

start_orderer() {
  mkdir -p "$dir/orderer"
  start orderer \
    FABRIC_CFG_PATH="$fabric_cfg" \
    ORDERER_GENERAL_LISTENADDRESS=127.0.0.1 \
    ORDERER_GENERAL_LISTENPORT="$orderer_port" \
    ORDERER_GENERAL_LOCALMSPID=OrdererMSP \
    ORDERER_GENERAL_LOCALMSPDIR="$orderer_dir/msp" \
    ORDERER_GENERAL_TLS_ENABLED=true \
    ORDERER_GENERAL_TLS_PRIVATEKEY="$orderer_dir/tls/server.key" \
    ORDERER_GENERAL_TLS_CERTIFICATE="$orderer_dir/tls/server.crt" \
    ORDERER_GENERAL_TLS_ROOTCAS="[$orderer_dir/tls/ca.crt]" \
    ORDERER_GENERAL_CLUSTER_CLIENTCERTIFICATE="$orderer_dir/tls/server.crt" \
    ORDERER_GENERAL_CLUSTER_CLIENTPRIVATEKEY="$orderer_dir/tls/server.key" \
    ORDERER_GENERAL_CLUSTER_ROOTCAS="[$orderer_dir/tls/ca.crt]" \
    ORDERER_GENERAL_BOOTSTRAPMETHOD=none \
    ORDERER_CHANNELPARTICIPATION_ENABLED=true \
    ORDERER_ADMIN_LISTENADDRESS="127.0.0.1:$orderer_admin_port" \
    ORDERER_ADMIN_TLS_ENABLED=true \
    ORDERER_ADMIN_TLS_PRIVATEKEY="$orderer_dir/tls/server.key" \
    ORDERER_ADMIN_TLS_CERTIFICATE="$orderer_dir/tls/server.crt" \
    ORDERER_ADMIN_TLS_ROOTCAS="[$orderer_dir/tls/ca.crt]" \
    ORDERER_ADMIN_TLS_CLIENTAUTHREQUIRED=true \
    ORDERER_ADMIN_TLS_CLIENTROOTCAS="[$orderer_dir/tls/ca.crt]" \
    ORDERER_FILELEDGER_LOCATION="$dir/orderer/ledger" \
    ORDERER_CONSENSUS_WALDIR="$dir/orderer/etcdraft/wal" \
    ORDERER_CONSENSUS_SNAPDIR="$dir/orderer/etcdraft/snapshot" \
    ORDERER_OPERATIONS_LISTENADDRESS="127.0.0.1:$orderer_ops_port" \
    ORDERER_METRICS_PROVIDER=disabled \
    -- "$FABRIC_BIN/orderer"
  wait_port orderer "$orderer_admin_port"
  say "orderer (Raft, one node) on 127.0.0.1:$orderer_port, admin on 127.0.0.1:$orderer_admin_port"
}

start_peer() {
  local org="$1" pd
  pd="$(peer_dir "$org")"
  mkdir -p "$dir/peers/$org"
  start "peer-$org" \
    FABRIC_CFG_PATH="$fabric_cfg" \
    CORE_PEER_ID="peer0.$(org_domain "$org")" \
    CORE_PEER_ADDRESS="127.0.0.1:${peer_port[$org]}" \
    CORE_PEER_LISTENADDRESS="127.0.0.1:${peer_port[$org]}" \
    CORE_PEER_CHAINCODEADDRESS="127.0.0.1:${chaincode_port[$org]}" \
    CORE_PEER_CHAINCODELISTENADDRESS="127.0.0.1:${chaincode_port[$org]}" \
    CORE_PEER_GOSSIP_BOOTSTRAP="127.0.0.1:${peer_port[$org]}" \
    CORE_PEER_GOSSIP_EXTERNALENDPOINT="127.0.0.1:${peer_port[$org]}" \
    CORE_PEER_LOCALMSPID="${msp[$org]}" \
    CORE_PEER_MSPCONFIGPATH="$pd/msp" \
    CORE_PEER_TLS_ENABLED=true \
    CORE_PEER_TLS_CERT_FILE="$pd/tls/server.crt" \
    CORE_PEER_TLS_KEY_FILE="$pd/tls/server.key" \
    CORE_PEER_TLS_ROOTCERT_FILE="$pd/tls/ca.crt" \
    CORE_PEER_FILESYSTEMPATH="$dir/peers/$org" \
    CORE_LEDGER_SNAPSHOTS_ROOTDIR="$dir/peers/$org/snapshots" \
    CORE_OPERATIONS_LISTENADDRESS="127.0.0.1:${ops_port[$org]}" \
    CORE_METRICS_PROVIDER=disabled \
    CORE_CHAINCODE_EXTERNALBUILDERS="[{name: exchange_ccaas, path: $root/network/builders/ccaas}]" \
    -- "$FABRIC_BIN/peer" node start
  wait_port "peer-$org" "${peer_port[$org]}"
  say "peer of ${msp[$org]} on 127.0.0.1:${peer_port[$org]}"
}

join_channel() {
  local org i
  "$FABRIC_BIN/osnadmin" channel join --channelID "$channel" --config-block "$dir/channel/$channel.block" \
    -o "127.0.0.1:$orderer_admin_port" --ca-file "$orderer_ca" \
    --client-cert "$orderer_admin/tls/client.crt" --client-key "$orderer_admin/tls/client.key" >"$dir/logs/osnadmin.log" 2>&1 \
    || die "osnadmin channel join failed: $(cat "$dir/logs/osnadmin.log")"
  say "orderer joined '$channel' (channel participation API)"
  for org in "${peer_orgs[@]}"; do
    peer_as_admin "$org" channel join -b "$dir/channel/$channel.block" >>"$dir/logs/peer-cli.log" 2>&1 \
      || die "the ${msp[$org]} peer could not join '$channel': $(tail -n 5 "$dir/logs/peer-cli.log")"
    for ((i = 0; i < 120; i++)); do
      peer_as_admin "$org" channel getinfo -c "$channel" >/dev/null 2>&1 && break
      sleep 0.5
    done
    say "peer of ${msp[$org]} joined '$channel'"
  done
}

# ----------------------------------------------------------------------------------------------- contract

start_contract() {
  local org="$1" package_id="$2" tls_dir
  tls_dir="$(contract_tls_dir "$org")"
  # The shim (2.5) reads CORE_TLS_CLIENT_*_PATH as base64 of the PEM files, as a peer-launched chaincode gets them,
  # even when it serves: it wants them set and readable to accept the peer's connection.
  base64 -w0 "$tls_dir/server.key" >"$dir/contract/$org-server.key.b64"
  base64 -w0 "$tls_dir/server.crt" >"$dir/contract/$org-server.crt.b64"
  stop_one "contract-$org"
  start "contract-$org" \
    CHAINCODE_SERVER_ADDRESS="127.0.0.1:${contract_port[$org]}" \
    CORE_CHAINCODE_ID_NAME="$package_id" \
    CORE_PEER_TLS_ENABLED="$contract_tls" \
    CORE_TLS_CLIENT_KEY_FILE="$tls_dir/server.key" \
    CORE_TLS_CLIENT_CERT_FILE="$tls_dir/server.crt" \
    CORE_TLS_CLIENT_KEY_PATH="$dir/contract/$org-server.key.b64" \
    CORE_TLS_CLIENT_CERT_PATH="$dir/contract/$org-server.crt.b64" \
    CORE_PEER_TLS_ROOTCERT_FILE="$tls_dir/ca.crt" \
    EXCHANGE_OPERATOR_MSP_ID="${msp[operator]}" \
    EXCHANGE_REGULATOR_MSP_ID="${msp[regulator]}" \
    -- "$java_cmd" -jar "$dir/contract/settlement-chaincode.jar"
  wait_port "contract-$org" "${contract_port[$org]}"
  say "contract server of ${msp[$org]} on 127.0.0.1:${contract_port[$org]} (TLS $contract_tls), package $package_id"
}

deploy() {
  local org pkg package_id sequence next defined="" tls_root=() i
  declare -A package_ids=()
  mkdir -p "$dir/contract"
  # The servers run their own copy of the jar, so rebuilding the project does not change a running contract.
  cp "$root/ledger/target/settlement-chaincode.jar" "$dir/contract/settlement-chaincode.jar"
  for org in "${peer_orgs[@]}"; do
    pkg="$dir/contract/settlement-$org.tar.gz"
    tls_root=()
    [[ "$contract_tls" == true ]] && tls_root=(CHAINCODE_TLS_ROOT_CERT="$(contract_tls_dir "$org")/ca.crt")
    env CHAINCODE_LABEL="settlement_$org" CHAINCODE_ADDRESS="127.0.0.1:${contract_port[$org]}" \
      CHAINCODE_TLS="$contract_tls" "${tls_root[@]}" CHAINCODE_PACKAGE_OUT="$pkg" \
      "$root/network/package-chaincode.sh" >/dev/null
    package_id="$(FABRIC_CFG_PATH="$fabric_cfg" "$FABRIC_BIN/peer" lifecycle chaincode calculatepackageid "$pkg")"
    if ! peer_as_admin "$org" lifecycle chaincode queryinstalled 2>/dev/null | grep -qF "$package_id"; then
      peer_as_admin "$org" lifecycle chaincode install "$pkg" >>"$dir/logs/peer-cli.log" 2>&1 \
        || die "installing the contract on the ${msp[$org]} peer failed: $(tail -n 5 "$dir/logs/peer-cli.log")"
    fi
    package_ids[$org]="$package_id"
    start_contract "$org" "$package_id"
  done

  # A new definition only when the version, the policy or the TLS setting changed; otherwise the restarted
  # servers (running the jar just built) are the upgrade.
  [[ -f "$dir/contract/definition" ]] && defined="$(cat "$dir/contract/definition")"
  sequence="$(peer_as_admin operator lifecycle chaincode querycommitted --channelID "$channel" --name "$chaincode" 2>/dev/null \
    | sed -n 's/.*Sequence: \([0-9][0-9]*\).*/\1/p')" || true
  if [[ -n "$sequence" && "$defined" == "$version|$policy|$contract_tls" ]]; then
    say "definition of '$chaincode' unchanged (version $version, sequence $sequence): the contract servers were restarted"
  else
    next=$(( ${sequence:-0} + 1 ))
    for org in "${peer_orgs[@]}"; do
      peer_as_admin "$org" lifecycle chaincode approveformyorg "${orderer_args[@]}" --channelID "$channel" \
        --name "$chaincode" --version "$version" --package-id "${package_ids[$org]}" --sequence "$next" \
        --signature-policy "$policy" >>"$dir/logs/peer-cli.log" 2>&1 \
        || die "${msp[$org]} could not approve the definition: $(tail -n 5 "$dir/logs/peer-cli.log")"
      say "${msp[$org]} approved '$chaincode' version $version sequence $next"
    done
    peer_as_admin operator lifecycle chaincode commit "${orderer_args[@]}" --channelID "$channel" \
      --name "$chaincode" --version "$version" --sequence "$next" --signature-policy "$policy" \
      --peerAddresses "127.0.0.1:${peer_port[operator]}" --tlsRootCertFiles "$(tls_ca operator)" \
      --peerAddresses "127.0.0.1:${peer_port[regulator]}" --tlsRootCertFiles "$(tls_ca regulator)" \
      >>"$dir/logs/peer-cli.log" 2>&1 || die "committing the definition failed: $(tail -n 5 "$dir/logs/peer-cli.log")"
    echo "$version|$policy|$contract_tls" >"$dir/contract/definition"
    say "committed '$chaincode' version $version sequence $next, endorsement policy $policy"
  fi

  # Each peer reaches its own contract server: ask each for the contract's metadata.
  for org in "${peer_orgs[@]}"; do
    for ((i = 0; i < 20; i++)); do
      if peer_as_admin "$org" chaincode query -C "$channel" -n "$chaincode" \
           -c '{"Args":["org.hyperledger.fabric:GetMetadata"]}' 2>>"$dir/logs/peer-cli.log" | grep -q '"settlement"'; then
        break
      fi
      ((i == 19)) && die "the ${msp[$org]} peer cannot reach its contract server; see $dir/logs/contract-$org.log and $dir/logs/peer-$org.log"
      sleep 2
    done
    say "the ${msp[$org]} peer runs the contract"
  done
}

# ----------------------------------------------------------------------------------------------- profiles

write_profile() {
  local org="$1" via="$2" file="$dir/profiles/$1.json" id
  id="$(user_dir "$org")"
  mkdir -p "$dir/profiles"
  cat >"$file.tmp" <<EOF
{
  "endpoint" : "127.0.0.1:${peer_port[$via]}",
  "hostnameOverride" : "peer0.$(org_domain "$via")",
  "tlsCaCertPath" : "$(tls_ca "$via")",
  "channel" : "$channel",
  "chaincode" : "$chaincode",
  "identities" : [ {
    "mspId" : "${msp[$org]}",
    "role" : "${role[$org]}",
    "certPath" : "$id/signcerts/User1@$(org_domain "$org")-cert.pem",
    "keyPath" : "$id/keystore/priv_sk"
  } ]
}
EOF
  mv "$file.tmp" "$file"
  say "connection profile of ${msp[$org]}: $file"
}

profiles() {
  write_profile operator operator
  write_profile regulator regulator
  # The merchant organisation has no peer: its users reach the channel through the operator's gateway.
  write_profile merchant operator
  cat <<EOF
fabric-network: run the exchange on this network with
  EXCHANGE_LEDGER_CONNECTION_PROFILE=$dir/profiles/operator.json \\
  EXCHANGE_LEDGER_REGULATOR_CONNECTION_PROFILE=$dir/profiles/regulator.json ./exchange run
EOF
}

# ----------------------------------------------------------------------------------------------- main

status() {
  local f name
  [[ -d "$dir/pids" ]] || { say "no network under $dir"; return 0; }
  for f in "$dir"/pids/*.pid; do
    [[ -f "$f" ]] || continue
    name="$(basename "$f" .pid)"
    if running "$name"; then echo "$name running (pid $(cat "$f"))"; else echo "$name stopped"; fi
  done
}

cmd="${1:-}"
case "$cmd" in
  up)
    check_binaries
    check_java
    [[ -e "$dir/crypto" ]] && die "a network already exists under $dir: 'fabric-network.sh down' first"
    check_ports_free
    mkdir -p "$dir/logs"
    paths_init
    orderer_args_init
    # Whatever fails on the way up, what was started is stopped.
    trap 'rc=$?; if ((rc != 0)); then echo "fabric-network: up failed; stopping what was started" >&2; stop_all; fi' EXIT
    make_crypto
    make_channel_block
    start_orderer
    for org in "${peer_orgs[@]}"; do start_peer "$org"; done
    join_channel
    deploy
    profiles
    trap - EXIT
    ;;
  deploy)
    check_binaries
    check_java
    [[ -d "$dir/crypto" ]] || die "no network under $dir: 'fabric-network.sh up' first"
    paths_init
    orderer_args_init
    deploy
    ;;
  profiles)
    [[ -d "$dir/crypto" ]] || die "no network under $dir: 'fabric-network.sh up' first"
    paths_init
    profiles
    ;;
  status)
    status
    ;;
  stop)
    stop_all
    ;;
  down)
    stop_all
    if [[ -d "$dir" ]]; then
      rm -rf "$dir"
      say "removed $dir"
    fi
    ;;
  *)
    sed -n '5,10p' "$0" | sed 's/^# \{0,1\}//'
    exit 64
    ;;
esac
