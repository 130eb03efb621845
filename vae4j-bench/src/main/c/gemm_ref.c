/*
 * C reference for GemmReport: times cblas_sgemm from the same OpenBLAS on the same products of a
 * 784-400-20 MLP at batch 128 (weights stored [out, in]), the same way GemmReport does: a warm-up,
 * then calls counted until the timed window has passed; GFLOP/s = calls * 2 m n k / seconds / 1e9.
 * Keep the shapes in step with io.github.vae4j.bench.GemmShape.
 *
 * Usage: gemm_ref [seconds [warmup-seconds]]   (threads: OPENBLAS_NUM_THREADS, else all cores)
 * Output: lines of "shape <TAB> c <TAB> GFLOP/s", then a comment line with the thread count.
 */
#define _POSIX_C_SOURCE 199309L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#ifdef HAVE_CBLAS_H
#include <cblas.h>
#else
/* the prototypes from OpenBLAS's cblas.h, for when the header is not at hand */
enum CBLAS_ORDER { CblasRowMajor = 101, CblasColMajor = 102 };
enum CBLAS_TRANSPOSE { CblasNoTrans = 111, CblasTrans = 112 };
void cblas_sgemm(const enum CBLAS_ORDER order, const enum CBLAS_TRANSPOSE transA,
    const enum CBLAS_TRANSPOSE transB, const int m, const int n, const int k,
    const float alpha, const float *a, const int lda, const float *b, const int ldb,
    const float beta, float *c, const int ldc);
int openblas_get_num_threads(void);
char *openblas_get_config(void);
#endif

struct shape {
  const char *label;
  int trans_a, trans_b, m, n, k;
};

static const struct shape SHAPES[] = {
  {"fc1.forward", 0, 1, 128, 400, 784},
  {"fc1.dW", 1, 0, 400, 784, 128},
  {"fc1.dX", 0, 0, 128, 784, 400},
  {"fc2.forward", 0, 1, 128, 20, 400},
  {"fc2.dW", 1, 0, 20, 400, 128},
  {"fc2.dX", 0, 0, 128, 400, 20},
};

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

static float *randoms(size_t length, unsigned long long *state) {
  float *values = malloc(length * sizeof(float));
  if (values == NULL) {
    perror("malloc");
    exit(1);
  }
  for (size_t i = 0; i < length; i++) {
    *state = *state * 6364136223846793005ULL + 1442695040888963407ULL;
    values[i] = (float) ((*state >> 40) / (double) (1 << 24) * 2.0 - 1.0);
  }
  return values;
}

static void run(const struct shape *s, const float *a, const float *b, float *c) {
  cblas_sgemm(CblasRowMajor, s->trans_a ? CblasTrans : CblasNoTrans,
      s->trans_b ? CblasTrans : CblasNoTrans, s->m, s->n, s->k,
      1.0f, a, s->trans_a ? s->m : s->k, b, s->trans_b ? s->k : s->n, 0.0f, c, s->n);
}

/* calls the product until at least `seconds` have passed; returns calls, sets *elapsed */
static long long timed(const struct shape *s, const float *a, const float *b, float *c,
    double seconds, double *elapsed) {
  double start = now();
  long long calls = 0;
  do {
    run(s, a, b, c);
    calls++;
    *elapsed = now() - start;
  } while (*elapsed < seconds);
  return calls;
}

int main(int argc, char **argv) {
  double seconds = argc > 1 ? atof(argv[1]) : 1.5;
  double warmup = argc > 2 ? atof(argv[2]) : 1.0;
  unsigned long long state = 42;
  for (size_t i = 0; i < sizeof SHAPES / sizeof SHAPES[0]; i++) {
    const struct shape *s = &SHAPES[i];
    float *a = randoms((size_t) s->m * s->k, &state);
    float *b = randoms((size_t) s->k * s->n, &state);
    float *c = randoms((size_t) s->m * s->n, &state);
    double elapsed;
    timed(s, a, b, c, warmup, &elapsed);
    long long calls = timed(s, a, b, c, seconds, &elapsed);
    printf("%s\tc\t%.2f\n", s->label, calls * 2.0 * s->m * s->n * s->k / elapsed / 1e9);
    fflush(stdout);
    free(a);
    free(b);
    free(c);
  }
  printf("# %s, %d threads\n", openblas_get_config(), openblas_get_num_threads());
  return 0;
}
