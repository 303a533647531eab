package dev.tgkit.tl.generator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretFieldsTest {

  private static boolean secret(String definition, String field) {
    Definition d = TlParser.parse("t.tl", definition).constructors().get(0);
    Field f = d.fields().stream().filter(x -> x.name().equals(field)).findFirst().orElseThrow();
    return SecretFields.isSecret(d, f);
  }

  @Test
  void credentialsOfLoginAreSecret() {
    String sendCode = "auth.sendCode#a677244f phone_number:string api_id:int api_hash:string settings:CodeSettings = auth.SentCode;";
    assertThat(secret(sendCode, "phone_number")).isTrue();
    assertThat(secret(sendCode, "api_hash")).isTrue();
    assertThat(secret(sendCode, "api_id")).isFalse();
    String signIn = "auth.signIn#1 flags:# phone_number:string phone_code_hash:string phone_code:flags.0?string = auth.Authorization;";
    assertThat(secret(signIn, "phone_code_hash")).isTrue();
    assertThat(secret(signIn, "phone_code")).isTrue();
    assertThat(secret("auth.importBotAuthorization#1 flags:int api_id:int api_hash:string bot_auth_token:string = auth.Authorization;", "bot_auth_token")).isTrue();
  }

  @Test
  void passwordsKeysAndNoncesAreSecret() {
    assertThat(secret("inputCheckPasswordSRP#1 srp_id:long A:bytes M1:bytes = InputCheckPasswordSRP;", "A")).isTrue();
    assertThat(secret("inputCheckPasswordSRP#1 srp_id:long A:bytes M1:bytes = InputCheckPasswordSRP;", "M1")).isTrue();
    assertThat(secret("inputCheckPasswordSRP#1 srp_id:long A:bytes M1:bytes = InputCheckPasswordSRP;", "srp_id")).isFalse();
    assertThat(secret("p_q_inner_data#1 pq:string nonce:int128 new_nonce:int256 = P_Q_inner_data;", "new_nonce")).isTrue();
    assertThat(secret("p_q_inner_data#1 pq:string nonce:int128 new_nonce:int256 = P_Q_inner_data;", "nonce")).isFalse();
    assertThat(secret("client_DH_inner_data#1 retry_id:long g_b:string = Client_DH_Inner_Data;", "g_b")).isTrue();
    assertThat(secret("server_DH_inner_data#1 g:int g_a:string = Server_DH_inner_data;", "g_a")).isFalse();
    assertThat(secret("server_DH_params_ok#1 encrypted_answer:string = Server_DH_Params;", "encrypted_answer")).isTrue();
    assertThat(secret("a#1 encrypted_message:bytes = A;", "encrypted_message")).isTrue();
    assertThat(secret("a#1 future_auth_token:bytes = A;", "future_auth_token")).isTrue();
    assertThat(secret("a#1 secure_secret:bytes = A;", "secure_secret")).isTrue();
    assertThat(secret("a#1 salt:long = A;", "salt")).isFalse();
  }

  @Test
  void bytesAreSecretOnlyAsAnExportedAuthorization() {
    assertThat(secret("auth.exportedAuthorization#b434e2b8 id:long bytes:bytes = auth.ExportedAuthorization;", "bytes")).isTrue();
    assertThat(secret("upload.file#96a18d5 type:storage.FileType mtime:int bytes:bytes = upload.File;", "bytes")).isFalse();
  }

  @Test
  void aCodeIsSecretAsTextButNotAsAnErrorNumber() {
    assertThat(secret("emailVerificationCode#922e55a9 code:string = EmailVerification;", "code")).isTrue();
    assertThat(secret("error#c4b9f9bb code:int text:string = Error;", "code")).isFalse();
  }

  @Test
  void aTrueFlagIsNeverSecret() {
    assertThat(secret("a#1 flags:# encrypted_requests_disabled:flags.0?true = A;", "encrypted_requests_disabled")).isFalse();
  }
}
