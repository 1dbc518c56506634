/**
 * CLONE: the stages ({@link io.dolly.clone.CloneStage}), the {@code clone_*} variables ({@link
 * io.dolly.clone.CloneVariables}, {@link io.dolly.clone.DonorList}), and in sub-packages the wire
 * protocol, chunk transfer, recipient files, status tables and autotuning.
 */
package io.dolly.clone;
