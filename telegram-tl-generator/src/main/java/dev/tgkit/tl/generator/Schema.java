package dev.tgkit.tl.generator;

import java.util.List;
import java.util.OptionalInt;

/**
 * A parsed TL schema file: its constructors and functions in schema order, and the layer number
 * from its {@code // LAYER N} comment if it has one.
 */
public record Schema(String source, List<Definition> constructors, List<Definition> functions, OptionalInt layer) {

  public Schema {
    constructors = List.copyOf(constructors);
    functions = List.copyOf(functions);
  }
}
