#ifndef RAPPORT_CNCURSES_SHIM_H
#define RAPPORT_CNCURSES_SHIM_H

// Wide-character curses (wget_wch, setcchar, winnwstr …) is only declared in X/Open mode.
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <locale.h>
#include <langinfo.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// wcwidth is X/Open; the C library module may have been built without it, so declare it here.
extern int wcwidth(wchar_t);

// Globals and function-like macros Swift cannot import (or, in Swift 6, may not touch as globals).

/// The current screen's standard window.
static inline WINDOW *rapport_stdscr(void) { return stdscr; }
/// The current screen's idea of what the terminal shows.
static inline WINDOW *rapport_curscr(void) { return curscr; }
/// The C library's standard streams, for newterm on the real terminal.
static inline FILE *rapport_stdin(void) { return stdin; }
static inline FILE *rapport_stdout(void) { return stdout; }
/// Colours and colour pairs the terminal has (valid after start_color).
static inline int rapport_colors(void) { return COLORS; }
static inline int rapport_color_pairs(void) { return COLOR_PAIRS; }

static inline int rapport_getmaxy(WINDOW *window) { return getmaxy(window); }
static inline int rapport_getmaxx(WINDOW *window) { return getmaxx(window); }
static inline int rapport_getcury(WINDOW *window) { return getcury(window); }
static inline int rapport_getcurx(WINDOW *window) { return getcurx(window); }

static inline attr_t rapport_attr_normal(void) { return A_NORMAL; }
static inline attr_t rapport_attr_bold(void) { return A_BOLD; }
static inline attr_t rapport_attr_dim(void) { return A_DIM; }
static inline attr_t rapport_attr_underline(void) { return A_UNDERLINE; }
static inline attr_t rapport_attr_reverse(void) { return A_REVERSE; }

static inline int rapport_key_f0(void) { return KEY_F0; }
static inline int rapport_key_code_yes(void) { return KEY_CODE_YES; }

/// The width of one wide character in the current locale (-1 when unprintable).
static inline int rapport_wcwidth(wchar_t character) { return wcwidth(character); }

// From term.h, which would bring all of terminfo's macros along.
struct term;
extern int setupterm(const char *, int, int *);
extern struct term *set_curterm(struct term *);
extern int del_curterm(struct term *);

/// What this system's terminfo says of terminal type `type`: 1 when it can move the cursor anywhere
/// (has `cup`), 0 when it cannot (`dumb`, printing terminals), -1 when there is no such type.
/// Leaves ncurses' current terminal as it was.
static inline int rapport_terminal_support(const char *type, int fd) {
    struct term *previous = set_curterm(NULL);
    int error = 0;
    if (setupterm(type, fd, &error) != 0 || error != 1) {
        struct term *failed = set_curterm(previous);
        if (failed != NULL && failed != previous) del_curterm(failed);
        return -1;
    }
    const char *sequence = tigetstr("cup");
    int result = sequence != NULL && sequence != (char *)-1 && sequence[0] != '\0';
    struct term *checked = set_curterm(previous);
    if (checked != NULL && checked != previous) del_curterm(checked);
    return result;
}

/// Whether the C library's character set (LC_CTYPE) is UTF-8.
static inline int rapport_locale_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    return codeset != NULL && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0);
}

/// The size of the terminal on `fd` (TIOCGWINSZ); 0 on success, -1 when it is not a terminal.
static inline int rapport_window_size(int fd, int *rows, int *columns) {
    struct winsize size;
    if (ioctl(fd, TIOCGWINSZ, &size) != 0 || size.ws_row == 0 || size.ws_col == 0) return -1;
    *rows = size.ws_row;
    *columns = size.ws_col;
    return 0;
}

/// Whether `fd` has hung up or reached end of file: readable, but with nothing to read.
static inline int rapport_input_has_ended(int fd) {
    struct pollfd watched = { .fd = fd, .events = POLLIN, .revents = 0 };
    if (poll(&watched, 1, 0) <= 0) return 0;
    if (watched.revents & (POLLERR | POLLNVAL)) return 1;
    if (watched.revents & POLLHUP) {
        int available = 0;
        return ioctl(fd, FIONREAD, &available) != 0 || available == 0;
    }
    if (watched.revents & POLLIN) {
        int available = 0;
        return ioctl(fd, FIONREAD, &available) == 0 && available == 0;
    }
    return 0;
}

#endif
