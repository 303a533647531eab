package dev.tgkit.tl.generator;

/**
 * One field of a TL definition: {@code name:type}, or {@code name:flags.N?type} when it is present
 * only if bit {@code N} of the earlier {@code flags:#} field is set.
 *
 * @param condition the flag bit guarding the field, or {@code null} when it is always present
 */
public record Field(String name, TypeRef type, Condition condition) {

  /**
   * {@code flags.N?}: the field is present when bit {@code bit} of the {@code #} field named {@code
   * flagsField} is set (<a href="https://core.telegram.org/mtproto/TL-combinators">conditional
   * fields</a>).
   */
  public record Condition(String flagsField, int bit) {
    public String tl() {
      return flagsField + "." + bit + "?";
    }
  }

  /** Whether this field is a {@code #} word computed from which conditional fields are present. */
  public boolean isFlags() {
    return type instanceof TypeRef.Nat;
  }

  public boolean isConditional() {
    return condition != null;
  }

  /** Whether this is a {@code flags.N?true} field: a bit alone, with nothing on the wire. */
  public boolean isTrueFlag() {
    return condition != null && type instanceof TypeRef.Named n && !n.bare() && n.name().equals("true");
  }

  /** The field as written in the schema, e.g. {@code reply_to:flags.3?MessageReplyHeader}. */
  public String tl() {
    return name + ":" + (condition == null ? "" : condition.tl()) + type.tl();
  }
}
