;;; byte-compile.el --- Byte-compile infra-mode.el; any warning fails -*- lexical-binding: t; -*-

;;; Commentary:

;; emacs --batch -Q -l editors/emacs/test/byte-compile.el
;; The .elc goes to INFRAC_ELC_DIR (default: a temporary directory), never beside the source.

;;; Code:

(require 'bytecomp)

(let* ((here (file-name-directory (or load-file-name buffer-file-name)))
       (source (expand-file-name "../infra-mode.el" here))
       (out-dir (file-name-as-directory (or (getenv "INFRAC_ELC_DIR") (make-temp-file "infra-elc" t))))
       (byte-compile-error-on-warn t)
       (byte-compile-dest-file-function (lambda (_file) (expand-file-name "infra-mode.elc" out-dir))))
  (make-directory out-dir t)
  (unless (byte-compile-file source)
    (message "infra-mode.el does not byte-compile without warnings")
    (kill-emacs 1))
  (message "infra-mode.el byte-compiles without warnings into %s" out-dir))

;;; byte-compile.el ends here
