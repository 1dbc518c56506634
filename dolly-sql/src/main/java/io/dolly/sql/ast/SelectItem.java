package io.dolly.sql.ast;

import java.util.Objects;

/**
 * One entry of a select list.
 *
 * @param text the expression as spelled in the statement, which MySQL uses as the column name when
 *     there is no alias; it is not part of the item's identity, so that a statement and its
 *     canonical rendering compare equal
 */
public record SelectItem(Expression expression, String alias, String text) {
  @Override
  public boolean equals(Object o) {
    return o instanceof SelectItem s
        && s.expression.equals(expression)
        && Objects.equals(s.alias, alias);
  }

  @Override
  public int hashCode() {
    return Objects.hash(expression, alias);
  }
}
