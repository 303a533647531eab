package dev.tgkit.mtproto.auth;

import dev.tgkit.crypto.RsaPrivateKey;
import java.util.Random;

/** One RSA key for the tests that run our server, generated once: 2048-bit keys take a while. */
final class TestServer {

  static final RsaPrivateKey KEY = RsaPrivateKey.generate(new Random(20240229));

  static final ServerHandshake SERVER = new ServerHandshake(KEY);

  private TestServer() {}
}
