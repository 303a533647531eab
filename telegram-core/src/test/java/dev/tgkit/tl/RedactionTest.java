package dev.tgkit.tl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tgkit.tl.api.CodeSettingsCtor;
import dev.tgkit.tl.api.InputCheckPasswordSRPCtor;
import dev.tgkit.tl.api.auth.ExportedAuthorizationCtor;
import dev.tgkit.tl.api.auth.ImportBotAuthorization;
import dev.tgkit.tl.api.auth.SendCode;
import dev.tgkit.tl.api.auth.SignIn;
import dev.tgkit.tl.mtproto.PQInnerDataCtor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Secrets never appear in the text of generated objects, which ends up in logs. */
class RedactionTest {

  private static final String PHONE = "+15551234567";
  private static final String API_HASH = "0123456789abcdef0123456789abcdef";
  private static final String BOT_TOKEN = "110201543:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";

  private static final CodeSettingsCtor NO_SETTINGS =
      new CodeSettingsCtor(false, false, false, false, false, false, null, null, null);

  @Test
  void sendCodeHidesThePhoneNumberAndApiHash() {
    String text = new SendCode(PHONE, 12345, API_HASH, NO_SETTINGS).toString();
    assertThat(text).doesNotContain(PHONE).doesNotContain("5551234567").doesNotContain(API_HASH);
    assertThat(text).contains("phoneNumber=<redacted>", "apiHash=<redacted>", "apiId=12345", "settings=CodeSettingsCtor[");
  }

  @Test
  void importBotAuthorizationHidesTheToken() {
    String text = new ImportBotAuthorization(0, 12345, API_HASH, BOT_TOKEN).toString();
    assertThat(text).doesNotContain(BOT_TOKEN).doesNotContain("AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw").doesNotContain(API_HASH);
    assertThat(text).contains("botAuthToken=<redacted>");
  }

  @Test
  void signInHidesTheCodeAndShowsAnAbsentOneAsNull() {
    String text = new SignIn(PHONE, "hash-of-code", "12345", null).toString();
    assertThat(text).doesNotContain(PHONE).doesNotContain("hash-of-code").doesNotContain("12345");
    assertThat(text).contains("phoneCode=<redacted>");
    assertThat(new SignIn(PHONE, "h", null, null).toString()).contains("phoneCode=null");
  }

  @Test
  void exportedAuthorizationHidesItsBytesAndSrpItsProofs() {
    Bytes key = Bytes.fromHex("a1b2c3d4e5f60718");
    assertThat(new ExportedAuthorizationCtor(7, key).toString()).doesNotContain(key.toString()).doesNotContain("a1b2c3");
    String srp = new InputCheckPasswordSRPCtor(9, key, Bytes.fromHex("0badf00d")).toString();
    assertThat(srp).doesNotContain("a1b2c3").doesNotContain("0badf00d").contains("srpId=9");
  }

  @Test
  void authKeyExchangeHidesTheNewNonce() {
    Int256 newNonce = Int256.fromHex("311c85db234aa2640afc4a76a735cf5b1f0fd68bd17fa181e1229ad867cc024d");
    String text = new PQInnerDataCtor(Bytes.of((byte) 1), Bytes.of((byte) 2), Bytes.of((byte) 3),
        Int128.fromHex("3e0549828cca27e966b301a48fece2fc"), Int128.fromHex("a5cf4d33f4a11ea877ba4aa573907330"), newNonce).toString();
    assertThat(text).doesNotContain("311c85db").contains("newNonce=<redacted>").contains("3e0549828cca27e9");
  }

  /**
   * Every generated record, filled with distinct values: no value of a field the brief calls
   * secret shows up in its text. The Java names here are written independently of the
   * generator's list, so dropping a name there fails this test.
   */
  @Test
  void noGeneratedRecordPrintsTheValueOfASecretField() {
    Set<String> secretNames = Set.of(
        "phone", "phoneNumber", "phoneCode", "phoneCodeHash", "apiHash", "botAuthToken", "password",
        "newPasswordHash", "currentPasswordHash", "email", "token", "secret", "a", "m1", "key", "authKey",
        "newNonce", "encryptedAnswer", "encryptedData", "gB");
    List<String> leaks = new ArrayList<>();
    int checked = 0;
    for (String root : List.of("dev.tgkit.tl.api", "dev.tgkit.tl.mtproto")) {
      SampleValues samples = new SampleValues(true, GeneratedRoundTripTest.simplestFunction(root));
      for (Class<? extends TlObject> c : GeneratedClasses.records(root)) {
        Object value = samples.of(c);
        String text = value.toString();
        for (RecordComponent rc : c.getRecordComponents()) {
          Class<?> type = rc.getType();
          if (!secretNames.contains(rc.getName()) || type.isPrimitive() || type == Integer.class || type == Long.class) {
            continue;
          }
          Object field;
          try {
            field = rc.getAccessor().invoke(value);
          } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
          }
          checked++;
          if (field != null && text.contains(field.toString())) {
            leaks.add(c.getName() + "." + rc.getName());
          }
        }
      }
    }
    assertThat(checked).isGreaterThan(50);
    assertThat(leaks).isEmpty();
  }
}
