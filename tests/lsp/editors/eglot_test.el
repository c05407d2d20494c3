;;; eglot_test.el --- Emacs's eglot, a real LSP client, against `infrac lsp'  -*- lexical-binding: t -*-
;;
;; Run by CTest (lsp-editor:eglot) as
;;   emacs --batch -l eglot_test.el INFRAC PROJECT-DIR
;; with a copy of tests/lsp/sessions/project. It sets eglot up as editors/README.md
;; says, opens app.infra, and checks what an author sees: no diagnostics on the clean
;; file, hover on <<Env>>, go to definition into network.infra, an error with its
;; did-you-mean after a typo is typed, gone once it is undone, and formatting.

(require 'eglot)
(require 'flymake)
(require 'cl-lib)

(defvar infrac-test-failures 0)
(defun infrac-test-check (ok what)
  (message "%s: %s" (if ok "ok" "FAILED") what)
  (unless ok (setq infrac-test-failures (1+ infrac-test-failures))))

(defun infrac-test-wait (predicate seconds)
  "Runs the event loop (eglot's process filter, timers) until PREDICATE or SECONDS."
  (let ((deadline (+ (float-time) seconds)))
    (while (and (not (funcall predicate)) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (funcall predicate)))

(let* ((infrac (nth 0 command-line-args-left))
       (project (file-name-as-directory (nth 1 command-line-args-left))))
  (setq command-line-args-left nil)
  ;; The configuration of editors/README.md.
  (define-derived-mode infra-mode prog-mode "Infra" (setq-local comment-start "# "))
  (add-to-list 'auto-mode-alist '("\\.infra\\'" . infra-mode))
  (add-to-list 'eglot-server-programs `(infra-mode . (,infrac "lsp")))
  (setq eglot-send-changes-idle-time 0.1)

  (find-file (expand-file-name "app.infra" project))
  (eglot-ensure)
  (run-hooks 'post-command-hook)  ; eglot-ensure connects after the next command
  (infrac-test-check (infrac-test-wait #'eglot-current-server 20) "eglot connected to infrac lsp")
  (let ((server (eglot-current-server)))
    (infrac-test-check (infrac-test-wait (lambda () (bound-and-true-p flymake-mode)) 5) "flymake runs in the buffer")
    (infrac-test-wait (lambda () nil) 1.5)  ; the first diagnostics (none) arrive
    (flymake-start)
    (infrac-test-wait (lambda () nil) 0.5)
    (infrac-test-check (null (flymake-diagnostics)) "no diagnostics on the clean file")

    ;; Hover on the Env of "<<Env>>".
    (goto-char (point-min))
    (search-forward "<<Env")
    (backward-char 1)
    (let* ((hover (jsonrpc-request server :textDocument/hover (eglot--TextDocumentPositionParams)))
           (contents (plist-get hover :contents))
           (text (if (stringp contents) contents (plist-get contents :value))))
      (infrac-test-check (and text (string-match-p "param \\*\\*Env\\*\\*: `String`" text)) (format "hover on <<Env>>: %S" text)))

    ;; Definition of network.VpcId: network.infra, the output's line.
    (goto-char (point-min))
    (search-forward "network.Vpc")
    (let* ((locations (jsonrpc-request server :textDocument/definition (eglot--TextDocumentPositionParams)))
           (location (and (> (length locations) 0) (aref locations 0))))
      (infrac-test-check (and location (string-suffix-p "/network.infra" (plist-get location :uri))
                              (= 6 (plist-get (plist-get (plist-get location :range) :start) :line)))
                         (format "definition of network.VpcId: %S" location)))

    ;; Type a typo: the error shows, with its did-you-mean; undo it: it goes.
    (goto-char (point-min))
    (search-forward "<<Env")
    (insert "v")
    ;; What eglot's and flymake's idle timers do, which do not fire in batch mode.
    (eglot--signal-textDocument/didChange)
    (infrac-test-check
     (infrac-test-wait (lambda ()
                         (flymake-start)
                         (cl-some (lambda (d) (string-match-p "unknown name `Envv`" (flymake-diagnostic-text d)))
                                  (flymake-diagnostics)))
                       20)
     (format "the typo's error is shown: %S" (mapcar #'flymake-diagnostic-text (flymake-diagnostics))))
    (delete-char -1)
    (eglot--signal-textDocument/didChange)
    (infrac-test-check (infrac-test-wait (lambda () (flymake-start) (null (flymake-diagnostics))) 20)
                       "the error goes once the typo is undone")

    ;; Formatting: spacing that `infrac fmt' would change, then eglot-format-buffer puts the
    ;; file back as it was (it is formatted).
    (let ((formatted (buffer-string)))
      (goto-char (point-min))
      (search-forward "param Env: String")
      (replace-match "param   Env:String")
      (eglot--signal-textDocument/didChange)
      (eglot-format-buffer)
      (infrac-test-check (string= (buffer-string) formatted)
                         (format "eglot-format-buffer gives infrac fmt's layout: %S"
                                 (buffer-substring (line-beginning-position) (line-end-position)))))
    (set-buffer-modified-p nil)
    (eglot-shutdown server))
  (kill-emacs (if (= infrac-test-failures 0) 0 1)))
