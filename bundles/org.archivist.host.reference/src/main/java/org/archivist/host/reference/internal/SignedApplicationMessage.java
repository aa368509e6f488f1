package org.archivist.host.reference.internal;

import java.security.SignatureException;

import org.archivist.api.CommunityId;
import org.archivist.api.InvalidArchiveException;
import org.archivist.proto.ApplicationMetadataMessage;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

/**
 * Status's signed envelope ({@code ApplicationMetadataMessage}): the payload, its application type and a
 * 65-byte secp256k1 signature over keccak256(payload) by the sender, here the community key.
 */
public record SignedApplicationMessage(CommunityId signer, int type, byte[] payload) {

    /** Signs {@code payload} with the 32-byte private key and returns the encoded envelope. */
    public static byte[] sign(int type, byte[] payload, byte[] privateKey) {
        byte[] signature = Secp256k1.sign(Keccak.keccak256(payload), privateKey);
        return ApplicationMetadataMessage.newBuilder()
                .setSignature(ByteString.copyFrom(signature))
                .setPayload(ByteString.copyFrom(payload))
                .setTypeValue(type)
                .build()
                .toByteArray();
    }

    /**
     * Parses an encoded envelope and recovers its signer.
     *
     * @throws InvalidArchiveException when the bytes are no envelope or the signature does not verify
     */
    public static SignedApplicationMessage verify(byte[] encoded) throws InvalidArchiveException {
        ApplicationMetadataMessage message;
        try {
            message = ApplicationMetadataMessage.parseFrom(encoded);
        } catch (InvalidProtocolBufferException e) {
            throw new InvalidArchiveException("not an ApplicationMetadataMessage: " + e.getMessage(), e);
        }
        byte[] payload = message.getPayload().toByteArray();
        try {
            byte[] signer = Secp256k1.recoverCompressed(Keccak.keccak256(payload), message.getSignature().toByteArray());
            return new SignedApplicationMessage(CommunityId.of(signer), message.getTypeValue(), payload);
        } catch (SignatureException e) {
            throw new InvalidArchiveException("announcement signature rejected: " + e.getMessage(), e);
        }
    }
}
