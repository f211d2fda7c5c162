#ifndef CLAPACK_SHIM_H
#define CLAPACK_SHIM_H
// Debian 12's lapack.h (3.11) only honours LAPACK_COMPLEX_STRUCTURE when
// HAVE_LAPACK_CONFIG_H is also set; otherwise it falls back to C99 `double _Complex`,
// which Swift cannot import. We only call real routines, but keep the complex ones
// importable so that no caller trips over OpaquePointer parameters.
#define HAVE_LAPACK_CONFIG_H 1
#define LAPACK_COMPLEX_STRUCTURE 1
#include <lapacke.h>
#include <cblas.h>
#endif
