;;; infra-mode-test.el --- Tests of infra-mode, run by CTest in batch Emacs -*- lexical-binding: t; -*-

;;; Commentary:

;; emacs --batch -Q -L editors/emacs -l editors/emacs/test/infra-mode-test.el -f ert-run-tests-batch-and-exit
;; INFRAC_SOURCE_DIR is the repository; INFRAC the infrac program (for formatting and flymake).
;; The faces are checked at the places editors/test/highlights.tsv lists, the
;; same places the VS Code and Vim tests check.

;;; Code:

(require 'ert)
(require 'infra-mode)

(defvar infra-test-source-dir
  (file-name-as-directory (or (getenv "INFRAC_SOURCE_DIR")
                              (expand-file-name "../../.." (file-name-directory (or load-file-name buffer-file-name))))))

(defconst infra-test-faces
  '(("comment" font-lock-comment-face font-lock-comment-delimiter-face)
    ("keyword" font-lock-keyword-face)
    ("name" font-lock-function-name-face)
    ("type" font-lock-type-face)
    ("attribute" infra-attribute-face)
    ("rule-word" infra-attribute-face)
    ("policy" font-lock-keyword-face)
    ("pseudo" infra-pseudo-parameter-face)
    ("property" infra-property-face)
    ("string" font-lock-string-face)
    ("interpolation" infra-interpolation-face)
    ("literal" infra-escape-face)
    ("escape" infra-escape-face)
    ("number" font-lock-constant-face)
    ("boolean" font-lock-constant-face)
    ("function" font-lock-builtin-face)
    ("fence" infra-fence-face)
    ("shell-comment" font-lock-comment-face font-lock-comment-delimiter-face)
    ("shell" font-lock-builtin-face font-lock-keyword-face)
    ("shell-string" font-lock-string-face)
    ("shell-variable" font-lock-variable-name-face)
    ("text" infra-text-block-face))
  "The faces each category of highlights.tsv may show in Emacs.")

(defun infra-test-rows ()
  "The rows of editors/test/highlights.tsv: (file line text nth category)."
  (with-temp-buffer
    (insert-file-contents (expand-file-name "editors/test/highlights.tsv" infra-test-source-dir))
    (let (rows)
      (dolist (line (split-string (buffer-string) "\n" t))
        (unless (string-prefix-p "#" line)
          (let ((fields (split-string line "\t")))
            (push (list (nth 0 fields) (nth 1 fields) (nth 2 fields) (string-to-number (nth 3 fields)) (nth 4 fields))
                  rows))))
      (nreverse rows))))

(defun infra-test-fontified (file)
  "A buffer visiting nothing that holds FILE, in `infra-mode', fontified."
  (let ((buffer (generate-new-buffer (file-name-nondirectory file))))
    (with-current-buffer buffer
      (insert-file-contents (expand-file-name file infra-test-source-dir))
      (let ((infra-format-on-save nil))
        (infra-mode))
      (font-lock-ensure))
    buffer))

(defun infra-test-position (marker text nth)
  "Where TEXT starts (its NTH occurrence) on the first line that holds MARKER."
  (goto-char (point-min))
  (setq case-fold-search nil)
  (unless (search-forward marker nil t) (error "No line holds %S" marker))
  (let ((bol (line-beginning-position)) (eol (line-end-position)))
    (goto-char bol)
    (dotimes (_ (1+ nth))
      (unless (search-forward text eol t) (error "The line of %S holds no %S (#%d)" marker text nth)))
    (match-beginning 0)))

(defun infra-test-faces-at (pos)
  "The faces at POS, as a list."
  (let ((face (get-text-property pos 'face)))
    (if (listp face) face (list face))))

(ert-deftest infra-mode-highlights-what-every-editor-highlights ()
  "Every row of highlights.tsv shows one of its category's faces."
  (let ((buffers (make-hash-table :test 'equal))
        (failures nil)
        (checked 0))
    (dolist (row (infra-test-rows))
      (pcase-let ((`(,file ,marker ,text ,nth ,category) row))
        (let ((buffer (or (gethash file buffers) (puthash file (infra-test-fontified file) buffers)))
              (wanted (cdr (assoc category infra-test-faces))))
          (unless wanted (error "Unknown category %s" category))
          (with-current-buffer buffer
            (let* ((pos (infra-test-position marker text nth))
                   (faces (infra-test-faces-at pos))
                   (in-block (get-text-property pos 'infra-text-block)))
              (setq checked (1+ checked))
              (unless (and (seq-some (lambda (f) (memq f wanted)) faces)
                           ;; shell highlighting only inside a block, infra comments only outside
                           (or (not (string-prefix-p "shell" category)) in-block)
                           (or (not (string= category "comment")) (not in-block)))
                (push (format "%s: %S in line of %S: %s expected, has %S%s" file text marker category faces
                              (if in-block " (in a text block)" ""))
                      failures)))))))
    (maphash (lambda (_ b) (kill-buffer b)) buffers)
    (should (> checked 60))
    (should (equal failures nil))))

(ert-deftest infra-mode-text-blocks-are-not-infra-syntax ()
  "`#' and quotes in a text block start no comment or string; the file after it is infra again."
  (with-current-buffer (infra-test-fontified "editors/vscode/test/sample.infra")
    (let ((pos (infra-test-position "set -euo pipefail" "# a shell" 0)))
      (should (get-text-property pos 'infra-text-block))
      (should-not (nth 4 (syntax-ppss pos))))
    (let ((pos (infra-test-position "resource Docs:" "resource" 0)))
      (should-not (get-text-property pos 'infra-text-block))
      (should (equal (car (syntax-ppss pos)) 1)))
    (kill-buffer)))

(defun infra-test-reindented (formatted)
  "FORMATTED with the indentation of every line outside text blocks removed, then indented by infra-mode."
  (with-temp-buffer
    (insert formatted)
    (let ((infra-format-on-save nil)) (infra-mode))
    (syntax-propertize (point-max))
    (goto-char (point-min))
    (while (not (eobp))
      (unless (get-text-property (line-beginning-position) 'infra-text-block)
        (delete-horizontal-space))
      (forward-line 1))
    (indent-region (point-min) (point-max))
    (buffer-string)))

(defun infra-test-first-different-line (a b)
  "The first line where A and B differ, as \"N: expected | got\"."
  (let ((la (split-string a "\n")) (lb (split-string b "\n")) (n 1))
    (while (and la lb (string= (car la) (car lb)))
      (setq la (cdr la) lb (cdr lb) n (1+ n)))
    (format "line %d: %S | %S" n (car la) (car lb))))

(ert-deftest infra-mode-indents-like-infrac-fmt ()
  "Every formatted golden (tests/format/*.infra.golden) and every file of examples/ and stdlib/
(formatted, checked by fmt_test) whose indentation was removed, indented by infra-mode, is the
file again: continuation lines after a comment inside a header, hugged brackets, text blocks
untouched."
  (let* ((in (lambda (dir regexp) (directory-files-recursively (expand-file-name dir infra-test-source-dir) regexp)))
         (files (append (funcall in "tests/format" "\\.infra\\.golden\\'")
                        (funcall in "examples" "\\.infra\\'")
                        (funcall in "stdlib" "\\.infra\\'")))
         (failures nil))
    (should (> (length files) 20))
    (dolist (file files)
      (let* ((formatted (with-temp-buffer (insert-file-contents file) (buffer-string)))
             (indented (infra-test-reindented formatted)))
        (unless (string= indented formatted)
          (push (format "%s: %s" (file-relative-name file infra-test-source-dir)
                        (infra-test-first-different-line formatted indented))
                failures))))
    (should (equal failures nil))))

(ert-deftest infra-mode-indents-a-misspelt-keyword-as-an-item ()
  "A line that starts with no keyword goes one level deeper only after a line that leaves its item open."
  (with-temp-buffer
    (insert "stack app {\nparam Env: String\nresorce Bucket: AWS::S3::Bucket {}\nuse Web  # before as\nas App {}\n}\n")
    (let ((infra-format-on-save nil)) (infra-mode))
    (indent-region (point-min) (point-max))
    (should (string= (buffer-string)
                     (concat "stack app {\n"
                             "  param Env: String\n"
                             "  resorce Bucket: AWS::S3::Bucket {}\n"
                             "  use Web  # before as\n"
                             "    as App {}\n"
                             "}\n")))))

(ert-deftest infra-mode-formats-with-infrac ()
  "`infra-format-buffer' rewrites the buffer as `infrac fmt' does; a syntax error leaves it alone."
  (let ((infra-infrac-program (or (getenv "INFRAC") "infrac")))
    (skip-unless (executable-find infra-infrac-program))
    (with-temp-buffer
      (insert "stack app {\nresource Q: AWS::SQS::Queue {\nQueueName:   \"q\" }\n}\n")
      (let ((infra-format-on-save nil)) (infra-mode))
      (infra-format-buffer)
      (should (string= (buffer-string) "stack app {\n  resource Q: AWS::SQS::Queue {\n    QueueName: \"q\"\n  }\n}\n"))
      (erase-buffer)
      (insert "stack app {\n")
      (infra-format-buffer)
      (should (string= (buffer-string) "stack app {\n")))))

(ert-deftest infra-mode-flymake-reports-infrac-check ()
  "The flymake backend turns what `infrac check' prints into diagnostics at their places."
  (let ((infra-infrac-program (or (getenv "INFRAC") "infrac"))
        (directory (make-temp-file "infra-flymake" t))
        (reported 'none))
    (skip-unless (executable-find infra-infrac-program))
    (unwind-protect
        (with-temp-buffer
          (setq default-directory (file-name-as-directory directory))
          (insert "stack app {\n  resource Q: AWS::SQS::Queue {\n    QueueName: Nmae\n  }\n}\n")
          (let ((infra-format-on-save nil)) (infra-mode))
          (infra-flymake (lambda (diagnostics &rest _) (setq reported diagnostics)))
          (let ((deadline (+ (float-time) 60)))
            (while (and (eq reported 'none) (< (float-time) deadline))
              (accept-process-output nil 0.1)))
          (should (listp reported))
          (let ((errors (seq-filter (lambda (d) (eq (flymake-diagnostic-type d) :error)) reported)))
            (should (= (length errors) 1))
            (should (string-match-p "unknown name `Nmae'\\|unknown name `Nmae`" (flymake-diagnostic-text (car errors))))
            (should (= (line-number-at-pos (flymake-diagnostic-beg (car errors))) 3)))
          ;; The hidden copy is gone.
          (should (null (directory-files directory nil "flymake"))))
      (delete-directory directory t))))

(provide 'infra-mode-test)

;;; infra-mode-test.el ends here
