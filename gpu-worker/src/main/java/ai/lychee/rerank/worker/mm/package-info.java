/**
 * lychee-rerank-mm (Qwen2.5-VL) on DJL's PyTorch engine. Two halves, kept apart:
 *
 * <ul>
 *   <li><b>The model</b>: weights and layers, nothing about jobs. {@link ai.lychee.rerank.worker.mm.QwenVlModel}
 *       (a batch of whole sequences, or a prefix run once and continued), {@link ai.lychee.rerank.worker.mm.VisionEncoder},
 *       {@link ai.lychee.rerank.worker.mm.TextDecoder}, {@link ai.lychee.rerank.worker.mm.Ops}; loading:
 *       {@link ai.lychee.rerank.worker.mm.SafetensorsWeights} (headers), {@link ai.lychee.rerank.worker.mm.TensorLoader}
 *       (tensors streamed onto the device), {@link ai.lychee.rerank.worker.mm.QwenVlConfig}; inputs:
 *       {@link ai.lychee.rerank.worker.mm.ImageProcessor}, {@link ai.lychee.rerank.worker.mm.RerankPrompt},
 *       {@link ai.lychee.rerank.worker.mm.MropeIndex}.</li>
 *   <li><b>The serving plan</b>: what a scorer call batches, shares and caches. {@link ai.lychee.rerank.worker.mm.MmReranker}
 *       (prefix once per query, documents in batches), {@link ai.lychee.rerank.worker.mm.JobImages} (each image once
 *       per call), {@link ai.lychee.rerank.worker.mm.VisionCache} (across calls) and its metrics,
 *       {@link ai.lychee.rerank.worker.mm.ForwardWork} (the shapes run, for FLOP counts);
 *       {@link ai.lychee.rerank.worker.mm.MmScorer} is the worker's entry.</li>
 * </ul>
 *
 * <p>{@code bench} writes random checkpoints with the released layouts and runs {@code lychee mm-bench} on them.
 */
package ai.lychee.rerank.worker.mm;
