package org.archivist.host.reference.internal;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;

import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;

/**
 * secp256k1 keys and recoverable signatures in go-ethereum's form, as Status signs application
 * messages: 65 bytes {@code r || s || v} over a 32-byte hash, {@code s} in the lower half of the order,
 * {@code v} the recovery id 0 or 1 (27/28 accepted on receipt).
 */
public final class Secp256k1 {
    public static final int SIGNATURE_LENGTH = 65;
    private static final X9ECParameters CURVE_PARAMS = CustomNamedCurves.getByName("secp256k1");
    static final ECDomainParameters DOMAIN = new ECDomainParameters(CURVE_PARAMS.getCurve(), CURVE_PARAMS.getG(),
            CURVE_PARAMS.getN(), CURVE_PARAMS.getH());
    private static final BigInteger HALF_N = DOMAIN.getN().shiftRight(1);

    private Secp256k1() {
    }

    /** A fresh random private key (32 bytes, 1 <= d < n). */
    public static byte[] newPrivateKey(SecureRandom random) {
        while (true) {
            BigInteger d = new BigInteger(256, random);
            if (d.signum() > 0 && d.compareTo(DOMAIN.getN()) < 0) {
                return BigIntegers.asUnsignedByteArray(32, d);
            }
        }
    }

    /** The 33-byte compressed public key of a 32-byte private key. */
    public static byte[] compressedPublicKey(byte[] privateKey) {
        return publicPoint(privateKey).getEncoded(true);
    }

    /** The 65-byte uncompressed public key (0x04 || x || y) of a 32-byte private key. */
    public static byte[] uncompressedPublicKey(byte[] privateKey) {
        return publicPoint(privateKey).getEncoded(false);
    }

    /** Signs a 32-byte hash deterministically (RFC 6979) and returns {@code r || s || v}. */
    public static byte[] sign(byte[] hash32, byte[] privateKey) {
        requireHash(hash32);
        BigInteger d = privateScalar(privateKey);
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        signer.init(true, new ECPrivateKeyParameters(d, DOMAIN));
        BigInteger[] rs = signer.generateSignature(hash32);
        BigInteger r = rs[0];
        BigInteger s = rs[1].compareTo(HALF_N) > 0 ? DOMAIN.getN().subtract(rs[1]) : rs[1];
        byte[] expected = DOMAIN.getG().multiply(d).normalize().getEncoded(true);
        for (int recId = 0; recId < 4; recId++) {
            Optional<ECPoint> q = recover(hash32, r, s, recId);
            if (q.isPresent() && Arrays.equals(q.get().getEncoded(true), expected)) {
                byte[] sig = new byte[SIGNATURE_LENGTH];
                System.arraycopy(BigIntegers.asUnsignedByteArray(32, r), 0, sig, 0, 32);
                System.arraycopy(BigIntegers.asUnsignedByteArray(32, s), 0, sig, 32, 32);
                sig[64] = (byte) recId;
                return sig;
            }
        }
        throw new IllegalStateException("no recovery id reproduces the signing key (cannot happen for a valid key)");
    }

    /**
     * Recovers the compressed public key that produced {@code signature} over {@code hash32}, and checks the
     * signature against it.
     *
     * @throws java.security.SignatureException when the signature is malformed or matches no key
     */
    public static byte[] recoverCompressed(byte[] hash32, byte[] signature) throws java.security.SignatureException {
        requireHash(hash32);
        if (signature == null || signature.length != SIGNATURE_LENGTH) {
            throw new java.security.SignatureException("a recoverable signature has 65 bytes, got "
                    + (signature == null ? "none" : signature.length));
        }
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, 32));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
        int v = signature[64] & 0xff;
        int recId = v >= 27 ? v - 27 : v;
        BigInteger n = DOMAIN.getN();
        if (recId > 3 || r.signum() <= 0 || r.compareTo(n) >= 0 || s.signum() <= 0 || s.compareTo(n) >= 0) {
            throw new java.security.SignatureException("signature out of range (r, s or recovery id " + v + ")");
        }
        ECPoint q = recover(hash32, r, s, recId)
                .orElseThrow(() -> new java.security.SignatureException("signature matches no public key"));
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, new ECPublicKeyParameters(q, DOMAIN));
        if (!verifier.verifySignature(hash32, r, s)) {
            throw new java.security.SignatureException("signature does not verify against the recovered key");
        }
        return q.getEncoded(true);
    }

    /** SEC 1 v2, section 4.1.6: the public key candidate of recovery id {@code recId}. */
    private static Optional<ECPoint> recover(byte[] hash, BigInteger r, BigInteger s, int recId) {
        BigInteger n = DOMAIN.getN();
        BigInteger x = r.add(n.multiply(BigInteger.valueOf(recId / 2)));
        BigInteger p = CURVE_PARAMS.getCurve().getField().getCharacteristic();
        if (x.compareTo(p) >= 0) {
            return Optional.empty();
        }
        byte[] compressedR = new byte[33];
        compressedR[0] = (byte) ((recId & 1) == 1 ? 0x03 : 0x02);
        System.arraycopy(BigIntegers.asUnsignedByteArray(32, x), 0, compressedR, 1, 32);
        ECPoint bigR;
        try {
            bigR = CURVE_PARAMS.getCurve().decodePoint(compressedR);
        } catch (IllegalArgumentException notOnCurve) {
            return Optional.empty();
        }
        if (!bigR.multiply(n).isInfinity()) {
            return Optional.empty();
        }
        BigInteger e = new BigInteger(1, hash);
        BigInteger rInv = r.modInverse(n);
        BigInteger u1 = e.negate().mod(n).multiply(rInv).mod(n);
        BigInteger u2 = s.multiply(rInv).mod(n);
        ECPoint q = ECAlgorithms.sumOfTwoMultiplies(DOMAIN.getG(), u1, bigR, u2).normalize();
        return q.isInfinity() ? Optional.empty() : Optional.of(q);
    }

    private static ECPoint publicPoint(byte[] privateKey) {
        return DOMAIN.getG().multiply(privateScalar(privateKey)).normalize();
    }

    private static BigInteger privateScalar(byte[] privateKey) {
        if (privateKey == null || privateKey.length != 32) {
            throw new IllegalArgumentException("a secp256k1 private key has 32 bytes, got "
                    + (privateKey == null ? "none" : privateKey.length));
        }
        BigInteger d = new BigInteger(1, privateKey);
        if (d.signum() == 0 || d.compareTo(DOMAIN.getN()) >= 0) {
            throw new IllegalArgumentException("private key out of range for secp256k1");
        }
        return d;
    }

    private static void requireHash(byte[] hash32) {
        if (hash32 == null || hash32.length != 32) {
            throw new IllegalArgumentException("expected a 32-byte hash, got " + (hash32 == null ? "none" : hash32.length));
        }
    }
}
