package dev.tgkit.client.types;

/**
 * A login code was sent: pass this, with the code the user received, to {@code signIn}. Its
 * {@link #toString()} leaves the phone number out.
 *
 * @param phone the phone number the code was sent to, digits only
 * @param phoneCodeHash Telegram's handle of this code request
 */
public record LoginToken(String phone, String phoneCodeHash) {

  @Override
  public String toString() {
    return "LoginToken[phone ***" + (phone.length() > 2 ? phone.substring(phone.length() - 2) : "") + "]";
  }
}
