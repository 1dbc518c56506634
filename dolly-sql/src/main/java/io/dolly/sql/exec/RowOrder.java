package io.dolly.sql.exec;

import io.dolly.sql.ast.OrderItem;
import java.util.ArrayList;
import java.util.List;

/** ORDER BY over rows whose sort keys were evaluated beforehand: stable, NULLs first ascending. */
final class RowOrder {
  private RowOrder() {}

  /** The rows in the order of their keys ({@code keys.get(i)} belongs to {@code rows.get(i)}). */
  static <T> List<T> sort(
      List<T> rows, List<Value[]> keys, List<OrderItem> orderBy, Evaluator evaluator) {
    List<Integer> order = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      order.add(i);
    }
    order.sort(
        (a, b) -> {
          for (int k = 0; k < orderBy.size(); k++) {
            Value x = keys.get(a)[k];
            Value y = keys.get(b)[k];
            // NULLs sort first ascending, as in MySQL.
            int c = x.isNull() ? (y.isNull() ? 0 : -1) : y.isNull() ? 1 : evaluator.compare(x, y);
            if (c != 0) {
              return orderBy.get(k).descending() ? -c : c;
            }
          }
          return 0;
        });
    List<T> out = new ArrayList<>(rows.size());
    for (int i : order) {
      out.add(rows.get(i));
    }
    return out;
  }
}
