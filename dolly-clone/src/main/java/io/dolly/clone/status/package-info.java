/**
 * The clone status tables ({@code clone_status}, {@code clone_progress}, {@code clone_history}):
 * the live {@link io.dolly.clone.status.CloneStatusBoard}, its persistence in {@code #clone/}, and
 * the marker of an incomplete clone.
 */
package io.dolly.clone.status;
