package org.dataexchange.devnet.gateway;

import com.google.protobuf.Any;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;

/** gRPC errors shaped as Fabric's gateway shapes them: a status, a message and {@link ErrorDetail}s. */
final class RpcErrors {

    private RpcErrors() {}

    static StatusRuntimeException error(Status.Code code, String message, ErrorDetail... details) {
        com.google.rpc.Status.Builder status = com.google.rpc.Status.newBuilder()
                .setCode(code.value())
                .setMessage(message);
        for (ErrorDetail detail : details) {
            status.addDetails(Any.pack(detail));
        }
        return StatusProto.toStatusRuntimeException(status.build());
    }

    static ErrorDetail detail(String address, String mspId, String message) {
        return ErrorDetail.newBuilder().setAddress(address).setMspId(mspId).setMessage(message).build();
    }
}
