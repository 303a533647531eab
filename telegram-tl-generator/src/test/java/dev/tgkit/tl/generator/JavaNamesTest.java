package dev.tgkit.tl.generator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JavaNamesTest {

  @Test
  void pascalConvertsSnakeAndCamelCase() {
    assertThat(JavaNames.pascal("messageEmpty")).isEqualTo("MessageEmpty");
    assertThat(JavaNames.pascal("server_DH_params_ok")).isEqualTo("ServerDHParamsOk");
    assertThat(JavaNames.pascal("p_q_inner_data_dc")).isEqualTo("PQInnerDataDc");
    assertThat(JavaNames.pascal("P_Q_inner_data")).isEqualTo("PQInnerData");
    assertThat(JavaNames.pascal("Set_client_DH_params_answer")).isEqualTo("SetClientDHParamsAnswer");
  }

  @Test
  void pascalDropsTheNamespace() {
    assertThat(JavaNames.pascal("messages.getHistory")).isEqualTo("GetHistory");
    assertThat(JavaNames.pascal("help.configSimple")).isEqualTo("ConfigSimple");
  }

  @Test
  void camelLowersTheFirstPartAndCapitalizesTheRest() {
    assertThat(JavaNames.camel("reply_to_msg_id")).isEqualTo("replyToMsgId");
    assertThat(JavaNames.camel("new_nonce_hash1")).isEqualTo("newNonceHash1");
    assertThat(JavaNames.camel("A")).isEqualTo("a");
    assertThat(JavaNames.camel("M1")).isEqualTo("m1");
    assertThat(JavaNames.camel("srp_B")).isEqualTo("srpB");
    assertThat(JavaNames.camel("g_a")).isEqualTo("gA");
    assertThat(JavaNames.camel("ipv4")).isEqualTo("ipv4");
  }

  @Test
  void camelEscapesKeywordsAndMethodNames() {
    assertThat(JavaNames.camel("default")).isEqualTo("default_");
    assertThat(JavaNames.camel("static")).isEqualTo("static_");
    assertThat(JavaNames.camel("long")).isEqualTo("long_");
    assertThat(JavaNames.camel("short")).isEqualTo("short_");
    assertThat(JavaNames.camel("final")).isEqualTo("final_");
    assertThat(JavaNames.camel("public")).isEqualTo("public_");
    assertThat(JavaNames.camel("hash_code")).isEqualTo("hashCode_");
    assertThat(JavaNames.camel("to_string")).isEqualTo("toString_");
    assertThat(JavaNames.camel("get_class")).isEqualTo("getClass_");
    assertThat(JavaNames.camel("out")).isEqualTo("out_");
    assertThat(JavaNames.camel("in")).isEqualTo("in_");
    assertThat(JavaNames.camel("record")).isEqualTo("record_");
    assertThat(JavaNames.camel("hash")).isEqualTo("hash");
  }

  @Test
  void camelEscapesTheMethodNamesOfBuilders() {
    assertThat(JavaNames.camel("builder")).isEqualTo("builder_");
    assertThat(JavaNames.camel("build")).isEqualTo("build_");
    assertThat(JavaNames.camel("build_id")).isEqualTo("buildId");
  }
}
