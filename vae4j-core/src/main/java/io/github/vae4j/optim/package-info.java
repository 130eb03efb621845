/**
 * Training machinery over named parameters: optimizers with PyTorch's update rules and defaults
 * (SGD, Adam, AdamW, Adagrad, RMSprop), their exact save/restore, gradient clipping by global norm
 * and learning-rate schedules.
 */
package io.github.vae4j.optim;
