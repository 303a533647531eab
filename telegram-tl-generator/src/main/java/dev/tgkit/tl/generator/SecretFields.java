package dev.tgkit.tl.generator;

import java.util.List;
import java.util.Set;

/**
 * The one list of TL fields whose values are secrets: generated {@code toString()} prints {@code
 * <redacted>} for them, so auth keys, login codes, passwords, phone numbers and tokens never reach
 * a log (ARCHITECTURE.md, "Observability").
 *
 * <p>Decided by the field's TL name, because that is what the schema offers; a few names are
 * secret only in some places ({@code bytes} is an exported authorization in the {@code auth}
 * namespace but photo data elsewhere; {@code code} is a login code as a string but an error number
 * as an int).
 */
public final class SecretFields {

  /** Fields secret wherever they appear. */
  static final Set<String> NAMES =
      Set.of(
          "phone", "phone_number", "phone_code", "phone_code_hash", "api_hash", "bot_auth_token",
          "password", "new_password_hash", "current_password_hash", "tmp_password", "email",
          "token", "secret", "A", "M1", "key", "auth_key", "new_nonce", "encrypted_answer",
          "encrypted_data", "g_b", "credentials");

  /** Fields secret when their name ends with one of these: every kind of token and secret. */
  static final List<String> SUFFIXES = List.of("_token", "_tokens", "_secret", "_password_hash");

  /** Fields secret when their name starts with one of these: encrypted payloads. */
  static final List<String> PREFIXES = List.of("encrypted_");

  private SecretFields() {}

  /** Whether field {@code field} of {@code owner} holds a secret. */
  public static boolean isSecret(Definition owner, Field field) {
    String name = field.name();
    if (field.isTrueFlag() || field.isFlags()) {
      return false; // a bit says what kind of thing this is, never what the secret is
    }
    if (name.equals("bytes")) {
      return owner.namespace().equals("auth"); // auth.exportedAuthorization, auth.importAuthorization
    }
    if (name.equals("code")) {
      // A login or recovery code is a string; error#c4b9f9bb code:int is an error number.
      return field.type() instanceof TypeRef.Named n && n.name().equals("string");
    }
    if (NAMES.contains(name)) {
      return true;
    }
    for (String s : SUFFIXES) {
      if (name.endsWith(s)) {
        return true;
      }
    }
    for (String p : PREFIXES) {
      if (name.startsWith(p)) {
        return true;
      }
    }
    return false;
  }
}
