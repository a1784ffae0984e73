package org.dataexchange.settlementclient;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import com.google.protobuf.TextFormat;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.protos.peer.lifecycle.ApproveChaincodeDefinitionForMyOrgArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.CheckCommitReadinessArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.CommitChaincodeDefinitionArgs;

/**
 * A transaction's arguments as people read them. The settlement contract's are UTF-8 JSON and stay as they are;
 * other transactions on the channel (the chaincode lifecycle's approvals and commits) carry protobuf messages,
 * which are decoded into Protocol Buffers text, and any other binary argument is shown as base64. The two kinds are
 * marked by a prefix, so nobody mistakes them for text the client sent.
 */
final class TransactionArguments {

    /** Prefix of an argument decoded from a protobuf message: {@code protobuf <message type> {<text format>}}. */
    static final String PROTOBUF_PREFIX = "protobuf ";
    /** Prefix of a binary argument shown as base64: {@code base64 (<n> bytes) <base64>}. */
    static final String BASE64_PREFIX = "base64 ";

    /** The chaincode lifecycle's system chaincode, and the messages its recorded transactions take. */
    static final String LIFECYCLE = "_lifecycle";
    private static final Map<String, Parser<? extends Message>> LIFECYCLE_ARGUMENTS = Map.of(
            "ApproveChaincodeDefinitionForMyOrg", ApproveChaincodeDefinitionForMyOrgArgs.parser(),
            "CommitChaincodeDefinition", CommitChaincodeDefinitionArgs.parser(),
            "CheckCommitReadiness", CheckCommitReadinessArgs.parser());

    private static final TextFormat.Printer TEXT = TextFormat.printer().emittingSingleLine(true);

    private TransactionArguments() {}

    /** The function name (the first argument) and the arguments after it, each rendered for reading. */
    static List<String> render(String chaincode, List<ByteString> args) {
        if (args.isEmpty()) {
            return List.of();
        }
        String function = render(null, null, args.get(0));
        java.util.ArrayList<String> out = new java.util.ArrayList<>(args.size());
        out.add(function);
        for (int i = 1; i < args.size(); i++) {
            out.add(render(chaincode, function, args.get(i)));
        }
        return out;
    }

    private static String render(String chaincode, String function, ByteString arg) {
        String text = readableText(arg);
        if (text != null) {
            return text;
        }
        if (LIFECYCLE.equals(chaincode) && LIFECYCLE_ARGUMENTS.containsKey(function)) {
            try {
                Message message = LIFECYCLE_ARGUMENTS.get(function).parseFrom(arg);
                return PROTOBUF_PREFIX + message.getDescriptorForType().getFullName() + " {" + TEXT.printToString(message)
                        + "}";
            } catch (InvalidProtocolBufferException e) {
                // not the message the lifecycle takes: shown as bytes below
            }
        }
        return BASE64_PREFIX + "(" + arg.size() + " bytes) " + Base64.getEncoder().encodeToString(arg.toByteArray());
    }

    /** The argument as text when it is well-formed UTF-8 without control characters (tabs and line breaks aside). */
    private static String readableText(ByteString arg) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(arg.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
                return null;
            }
        }
        return text;
    }
}
