// Wide-character ncurses for Swift. SwiftPM drops pkg-config's -D flags, so the feature macros
// that expose get_wch/setcchar are defined here, before curses.h is read.
#ifndef DMAOWN_CNCURSES_SHIM_H
#define DMAOWN_CNCURSES_SHIM_H
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE 1
#endif
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>
#endif
