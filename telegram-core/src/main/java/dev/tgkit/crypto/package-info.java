/**
 * The cryptography MTProto 2.0 needs, on the JDK's providers: AES-256 in IGE and CTR modes,
 * SHA-1/SHA-256, RSA with Telegram's padding, pq factorization, the Diffie-Hellman checks of the <a
 * href="https://core.telegram.org/mtproto/security_guidelines">security guidelines</a>, auth keys
 * and MTProto 2.0 key derivation, and SRP for two-factor passwords.
 *
 * <p>Layer: lowest, beside {@code tl}; depends on nothing of tgkit. Sans-IO: randomness is passed
 * in, never drawn here, so every operation can be replayed with recorded values.
 */
@NullMarked
package dev.tgkit.crypto;

import org.jspecify.annotations.NullMarked;
