package org.dataexchange.settlementclient;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.dataexchange.devnet.Devnet;
import org.dataexchange.devnet.crypto.SigningIdentity;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.identity.X509Identity;
import org.hyperledger.fabric.protos.peer.lifecycle.ApproveChaincodeDefinitionForMyOrgArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeSource;
import org.hyperledger.fabric.shim.Chaincode;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ResponseUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The regulator's block view of transactions that are not the settlement contract's: on a real channel the chaincode
 * lifecycle's approvals carry protobuf messages, which the view shows decoded, and any other binary argument as
 * base64, each marked as such, instead of raw bytes inside a JSON string. The transactions are real devnet
 * transactions, endorsed, ordered and read back from their block through qscc.
 */
class TransactionArgumentsTest {

    /** Accepts any call: stands where Fabric's lifecycle system chaincode (or any other chaincode) would answer. */
    private static final class AcceptingChaincode implements Chaincode {
        @Override
        public Response init(ChaincodeStub stub) {
            return ResponseUtils.newSuccessResponse();
        }

        @Override
        public Response invoke(ChaincodeStub stub) {
            return ResponseUtils.newSuccessResponse();
        }
    }

    @TempDir
    Path data;

    private final LedgerAccess access = new LedgerAccess();
    private Devnet devnet;
    private Gateway gateway;
    private SettlementClient regulator;

    @BeforeEach
    void start() throws Exception {
        devnet = Devnet.start(LedgerAccess.settlementDevnet(data)
                .withChaincode(TransactionArguments.LIFECYCLE, "1.0", new AcceptingChaincode())
                .withChaincode("opaque", "1.0", new AcceptingChaincode()));
        SigningIdentity admin = devnet.crypto().user(devnet.operatorMspId());
        gateway = Gateway.newInstance().identity(new X509Identity(admin.mspId(), admin.certificate()))
                .signer(admin::signDigest).connection(devnet.newInProcessChannel()).connect();
        regulator = access.inProcess(devnet, devnet.regulatorMspId(), ClientOptions.defaults());
    }

    @AfterEach
    void stop() throws Exception {
        regulator.close();
        gateway.close();
        access.close();
        devnet.close();
    }

    @Test
    void aLifecycleApprovalShowsItsDecodedDefinition() throws Exception {
        ApproveChaincodeDefinitionForMyOrgArgs approval = ApproveChaincodeDefinitionForMyOrgArgs.newBuilder()
                .setSequence(2).setName("settlement").setVersion("1.1")
                .setEndorsementPlugin("escc").setValidationPlugin("vscc")
                .setSource(ChaincodeSource.newBuilder().setLocalPackage(ChaincodeSource.Local.newBuilder()
                        .setPackageId("settlement_1.1:9f0f53be")))
                .build();
        String txId = submit(TransactionArguments.LIFECYCLE, "ApproveChaincodeDefinitionForMyOrg", approval.toByteArray());

        LedgerTransaction tx = regulator.transaction(txId).orElseThrow();
        assertThat(tx.chaincode()).isEqualTo("_lifecycle");
        assertThat(tx.function()).isEqualTo("ApproveChaincodeDefinitionForMyOrg");
        assertThat(tx.arguments()).singleElement().asString()
                .startsWith("protobuf lifecycle.ApproveChaincodeDefinitionForMyOrgArgs {")
                .contains("sequence: 2", "name: \"settlement\"", "version: \"1.1\"",
                        "package_id: \"settlement_1.1:9f0f53be\"")
                .doesNotContain("\u0000", "\u0012");
    }

    @Test
    void otherBinaryArgumentsShowAsMarkedBase64AndTextStaysText() throws Exception {
        byte[] binary = {0x0a, 0x00, (byte) 0xff, (byte) 0xfe, 0x42};
        String txId = submit("opaque", "Put", binary, "电力 load\tcurve".getBytes(StandardCharsets.UTF_8));

        LedgerTransaction tx = regulator.transaction(txId).orElseThrow();
        assertThat(tx.function()).isEqualTo("Put");
        assertThat(tx.arguments()).containsExactly(
                "base64 (5 bytes) " + Base64.getEncoder().encodeToString(binary),
                "电力 load\tcurve");
    }

    private String submit(String chaincode, String function, byte[]... args) throws Exception {
        Contract contract = gateway.getNetwork(devnet.config().channelId()).getContract(chaincode);
        var submitted = contract.newProposal(function).addArguments(args).build().endorse().submitAsync();
        assertThat(submitted.getStatus().isSuccessful()).as("committed").isTrue();
        return submitted.getTransactionId();
    }
}
