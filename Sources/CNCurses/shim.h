// Wide-character ncurses for Swift. SwiftPM drops pkg-config's -D flags, so the feature macros
// that expose get_wch/setcchar are defined here, before curses.h is read. Everything Swift cannot
// import (macros, the stdscr/LINES/COLS globals) is wrapped as a prefixed static inline function,
// as swift-nio's CNIO shims do.
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
#include <errno.h>
#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <signal.h>
#include <pthread.h>
#include <string.h>
#include <unistd.h>
#include <termios.h>
#include <sys/ioctl.h>
#include <fcntl.h>
#include <stdio.h>
#include <ncursesw/curses.h>

// MARK: globals that are macros or TLS-backed in ncurses

static inline WINDOW *dmaown_stdscr(void) { return stdscr; }
static inline int dmaown_lines(void) { return LINES; }
static inline int dmaown_cols(void) { return COLS; }
static inline int dmaown_colors(void) { return COLORS; }
static inline int dmaown_color_pairs(void) { return COLOR_PAIRS; }
static inline WINDOW *dmaown_curscr(void) { return curscr; }
static inline FILE *dmaown_stdin_file(void) { return stdin; }
static inline FILE *dmaown_stdout_file(void) { return stdout; }
/// True when the terminfo entry is a direct-colour one (the `RGB` capability, e.g. xterm-direct).
static inline int dmaown_direct_color(void) { return tigetflag("RGB") > 0; }
/* A full-screen UI needs cursor addressing; TERM=dumb and friends have none (tigetstr gives
   NULL when absent, (char *)-1 when the name is not a string capability). */
static inline int dmaown_can_address_cursor(void) {
    char *cup = tigetstr("cup");
    return cup != NULL && cup != (char *)-1;
}
static inline int dmaown_err(void) { return ERR; }
static inline int dmaown_ok(void) { return OK; }

// MARK: attributes (attr_t, for setcchar)

static inline attr_t dmaown_wa_normal(void) { return WA_NORMAL; }
static inline attr_t dmaown_wa_bold(void) { return WA_BOLD; }
static inline attr_t dmaown_wa_dim(void) { return WA_DIM; }
static inline attr_t dmaown_wa_reverse(void) { return WA_REVERSE; }
static inline attr_t dmaown_wa_underline(void) { return WA_UNDERLINE; }
static inline attr_t dmaown_a_attributes(void) { return A_ATTRIBUTES; }
static inline attr_t dmaown_a_color(void) { return A_COLOR; }

// MARK: key codes returned by get_wch with KEY_CODE_YES

static inline int dmaown_key_code_yes(void) { return KEY_CODE_YES; }
static inline int dmaown_key_up(void) { return KEY_UP; }
static inline int dmaown_key_down(void) { return KEY_DOWN; }
static inline int dmaown_key_left(void) { return KEY_LEFT; }
static inline int dmaown_key_right(void) { return KEY_RIGHT; }
static inline int dmaown_key_home(void) { return KEY_HOME; }
static inline int dmaown_key_end(void) { return KEY_END; }
static inline int dmaown_key_ppage(void) { return KEY_PPAGE; }
static inline int dmaown_key_npage(void) { return KEY_NPAGE; }
static inline int dmaown_key_enter(void) { return KEY_ENTER; }
static inline int dmaown_key_backspace(void) { return KEY_BACKSPACE; }
static inline int dmaown_key_dc(void) { return KEY_DC; }
static inline int dmaown_key_btab(void) { return KEY_BTAB; }
static inline int dmaown_key_f0(void) { return KEY_F0; }
static inline int dmaown_key_resize(void) { return KEY_RESIZE; }
static inline int dmaown_key_mouse(void) { return KEY_MOUSE; }

// MARK: mouse

static inline mmask_t dmaown_mouse_mask_wanted(void) {
    return BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED;
}
static inline int dmaown_mouse_is_click(mmask_t s) { return (s & (BUTTON1_CLICKED | BUTTON1_PRESSED)) != 0; }
static inline int dmaown_mouse_is_wheel_up(mmask_t s) { return (s & BUTTON4_PRESSED) != 0; }
static inline int dmaown_mouse_is_wheel_down(mmask_t s) { return (s & BUTTON5_PRESSED) != 0; }
/// The button events by name, for the mouse decoding tests.
static inline mmask_t dmaown_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t dmaown_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t dmaown_button1_released(void) { return BUTTON1_RELEASED; }
static inline mmask_t dmaown_button3_clicked(void) { return BUTTON3_CLICKED; }
static inline mmask_t dmaown_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t dmaown_button5_pressed(void) { return BUTTON5_PRESSED; }

// MARK: cells

/// Fills `cc` with up to 4 code points, attributes and an extended colour pair.
static inline int dmaown_setcchar(cchar_t *cc, const wchar_t *wch, attr_t attrs, int pair) {
    int p = pair;
    return setcchar(cc, wch, attrs, (short)(pair > 32767 ? 0 : pair), &p);
}
/// Reads back the text, attributes and pair of a cell (for tests).
static inline int dmaown_getcchar(const cchar_t *cc, wchar_t *wch, attr_t *attrs, int *pair) {
    short sp = 0;
    int rc = getcchar(cc, wch, attrs, &sp, pair);
    return rc;
}

// MARK: async-signal-safe terminal rescue
//
// A crash handler cannot call endwin (it is not async-signal-safe), so it writes the reset
// sequences with write(2), restores the saved termios with tcsetattr(3), puts back the handler
// that was there before (the Swift runtime's backtracer, or SIG_DFL) and re-raises.
// State lives in function-local statics so the header stays self-contained.

struct dmaown_rescue_state {
    volatile sig_atomic_t fd;          // terminal output fd, or -1 when the terminal is not ours
    volatile sig_atomic_t wake_fd;     // write end of the event loop's self-pipe, or -1
    volatile sig_atomic_t have_termios;
    struct termios termios;            // the terminal's modes before curses changed them
    struct sigaction previous[65];     // what each crash signal did before we took it over
};

static inline struct dmaown_rescue_state *dmaown_rescue(void) {
    static struct dmaown_rescue_state state = { -1, -1, 0 };
    return &state;
}

/// Leave the alternate screen, show the cursor, reset attributes, stop mouse reporting and
/// application keypad mode.
static inline void dmaown_write_reset_sequences(int fd) {
    static const char seq[] =
        "\033[?1000l\033[?1002l\033[?1003l\033[?1006l\033[0m\033[?25h\033[?1l\033>\033[?1049l\r\n";
    ssize_t unused = write(fd, seq, sizeof seq - 1);
    (void)unused;
}

static inline void dmaown_crash_handler(int signo) {
    struct dmaown_rescue_state *s = dmaown_rescue();
    int was_ours = s->fd >= 0;
    if (was_ours) {
        dmaown_write_reset_sequences(s->fd);
        if (s->have_termios) tcsetattr(s->fd, TCSANOW, &s->termios);
        s->fd = -1;
        static const char note[] = "dmaown: crashed; the terminal was restored\n";
        ssize_t unused = write(2, note, sizeof note - 1);
        (void)unused;
    }
    // While the TUI held the terminal, die with the default action: Swift's interactive
    // backtracer would otherwise keep the tty waiting for a key for up to 30 s.
    if (!was_ours && signo > 0 && signo < 65) sigaction(signo, &s->previous[signo], NULL);
    else signal(signo, SIG_DFL);
    raise(signo);
}

/// Records the terminal (for the crash handler) before curses touches it.
static inline void dmaown_rescue_arm(int fd) {
    struct dmaown_rescue_state *s = dmaown_rescue();
    s->have_termios = tcgetattr(fd, &s->termios) == 0;
    s->fd = fd;
}

/// The terminal is restored; a later crash must not write to it.
static inline void dmaown_rescue_disarm(void) { dmaown_rescue()->fd = -1; }

/// Takes over the signals of a Swift runtime trap or a C crash, chaining to the previous handler.
static inline void dmaown_install_crash_handlers(void) {
    static const int sigs[] = { SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGABRT, SIGFPE };
    struct dmaown_rescue_state *s = dmaown_rescue();
    for (unsigned i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = dmaown_crash_handler;
        sigemptyset(&sa.sa_mask);
        sa.sa_flags = SA_ONSTACK;
        sigaction(sigs[i], &sa, &s->previous[sigs[i]]);
    }
}

// MARK: self-pipe wake-ups for ordinary signals

static inline void dmaown_wake_handler(int signo) {
    int saved = errno;
    int fd = dmaown_rescue()->wake_fd;
    if (fd >= 0) {
        unsigned char b = (unsigned char)signo;
        ssize_t unused = write(fd, &b, 1);
        (void)unused;
    }
    errno = saved;
}

/// Routes `signo` to the self-pipe `wake_fd` as one byte holding the signal number; the event
/// loop does the work outside the handler. Installed before newterm so ncurses keeps its hands off.
static inline int dmaown_route_signal(int signo, int wake_fd) {
    dmaown_rescue()->wake_fd = wake_fd;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = dmaown_wake_handler;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    return sigaction(signo, &sa, NULL);
}

/// Puts back the default action for `signo`.
static inline void dmaown_default_signal(int signo) { signal(signo, SIG_DFL); }

/// Takes the default action of `signo` now, on this thread: Swift runs the loop on a worker
/// thread that blocks signals, so a plain raise() would only leave the signal pending. Returns
/// (with the old mask back) only if the action lets the process go on, e.g. after SIGTSTP + SIGCONT.
static inline void dmaown_raise_default(int signo) {
    sigset_t one, old;
    sigemptyset(&one);
    sigaddset(&one, signo);
    signal(signo, SIG_DFL);
    pthread_sigmask(SIG_UNBLOCK, &one, &old);
    raise(signo);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
}

/// The size of the terminal on `fd` from the kernel (after SIGWINCH); 0 on failure.
static inline int dmaown_winsize(int fd, int *rows, int *cols) {
    struct winsize ws;
    if (ioctl(fd, TIOCGWINSZ, &ws) != 0 || ws.ws_row == 0 || ws.ws_col == 0) return 0;
    *rows = ws.ws_row; *cols = ws.ws_col;
    return 1;
}

/// A non-blocking, close-on-exec pipe (pipe2 needs _GNU_SOURCE, which Swift's Glibc hides).
static inline int dmaown_pipe_nonblocking(int fds[2]) {
    if (pipe(fds) != 0) return -1;
    for (int i = 0; i < 2; i++) {
        fcntl(fds[i], F_SETFL, fcntl(fds[i], F_GETFL) | O_NONBLOCK);
        fcntl(fds[i], F_SETFD, FD_CLOEXEC);
    }
    return 0;
}

/// True when the locale's character set is UTF-8.
static inline int dmaown_locale_is_utf8(void) {
    const char *cs = nl_langinfo(CODESET);
    return cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

#endif
