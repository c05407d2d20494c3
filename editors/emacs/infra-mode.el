;;; infra-mode.el --- Major mode for infra files (the infrac language) -*- lexical-binding: t; -*-

;; Version: 0.1.0
;; Package-Requires: ((emacs "27.1"))
;; Keywords: languages
;; URL: grammar/REFERENCE.md in the infrac repository

;;; Commentary:

;; Highlighting, indentation, formatting and diagnostics for `.infra' files,
;; the language that infrac compiles to AWS CloudFormation.
;;
;; - Highlighting covers what the VS Code grammar does (editors/README.md):
;;   comments, declarations and their names, attributes, types, pseudo
;;   parameters, property keys, strings with escapes and `<<Name>>'
;;   interpolation, numbers, booleans, built-in functions, policy words, and
;;   text blocks: their body is highlighted by `sh-mode' itself (no tag or a
;;   shell tag) or as plain text (any other tag), with `<<Name>>' marked on top.
;; - `#' and `"' inside a text block are the block's text, not infra comments
;;   or strings (`syntax-propertize'), so brackets and comments in a script
;;   never confuse the rest of the file.
;; - Indentation follows the brackets; text block bodies are left alone.
;; - `infra-format-buffer' runs `infrac fmt -'; with `infra-format-on-save'
;;   (the default) it runs before every save.
;; - Flymake reports what `infrac check' finds (`infra-flymake').
;;
;; Setup:
;;   (add-to-list 'load-path "/path/to/infrac/editors/emacs")
;;   (require 'infra-mode)

;;; Code:

(require 'sh-script)
(require 'flymake)

(defgroup infra nil
  "Editing infra files, the language infrac compiles to CloudFormation."
  :group 'languages
  :prefix "infra-")

(defcustom infra-infrac-program "infrac"
  "The infrac program: it formats (`infrac fmt -') and checks (`infrac check')."
  :type 'string)

(defcustom infra-format-on-save t
  "When non-nil, format the buffer with `infrac fmt' before saving it."
  :type 'boolean)

(defcustom infra-indent-offset 2
  "Columns per level of nesting, as `infrac fmt' writes them."
  :type 'integer)

(defface infra-interpolation-face
  '((t :inherit font-lock-variable-name-face :weight bold))
  "Face for `<<Name>>' interpolations in strings and text blocks.")

(defface infra-escape-face
  '((t :inherit font-lock-regexp-grouping-backslash))
  "Face for string escapes and the literal `<<!Name>>'.")

(defface infra-property-face
  '((t :inherit font-lock-variable-name-face))
  "Face for property names and map keys (`Name:').")

(defface infra-attribute-face
  '((t :inherit font-lock-preprocessor-face))
  "Face for attribute keywords (`description', `depends_on', ...).")

(defface infra-pseudo-parameter-face
  '((t :inherit font-lock-constant-face))
  "Face for pseudo parameters such as `AWS::Region'.")

(defface infra-fence-face
  '((t :inherit font-lock-doc-markup-face))
  "Face for the backtick fences of text blocks.")

(defface infra-text-block-face
  '((t :inherit font-lock-string-face))
  "Face for the body of a text block that is not shell.")

(defconst infra--attributes
  '("description" "metadata" "transform" "default" "allowed_values" "allowed_pattern"
    "min_length" "max_length" "min_value" "max_value" "no_echo" "constraint_description"
    "depends_on" "condition" "deletion_policy" "update_replace_policy" "update_policy"
    "creation_policy" "export" "value" "silence")
  "Attribute keywords: `keyword value' inside a declaration.")

(defconst infra--functions
  '("base64" "cidr" "find_in_map" "get_att" "get_azs" "import_value" "join" "select"
    "split" "sub" "if" "equals" "and" "or" "not" "condition" "ref" "file" "range"
    "contains" "each_member_equals" "each_member_in" "ref_all" "value_of" "value_of_all" "logical_id")
  "Built-in functions.")

(defconst infra--pseudo-parameters
  '("AWS::AccountId" "AWS::NotificationARNs" "AWS::NoValue" "AWS::Partition"
    "AWS::Region" "AWS::StackId" "AWS::StackName" "AWS::URLSuffix")
  "CloudFormation's pseudo parameters.")

(defconst infra--shell-tags '("" "sh" "bash" "shell" "zsh" "ksh" "dash")
  "Text block tags whose body is highlighted as shell.")

(defconst infra--name "[A-Za-z_][A-Za-z0-9_]*"
  "An identifier.")

(defconst infra--templated-name "[A-Za-z0-9_<>.]+"
  "A declared name, possibly with `<<Var>>' inside (in `for' loops).")

(defconst infra--interpolation-re
  "<<\\(!\\)?[A-Za-z][A-Za-z0-9_]*\\(?:-[A-Za-z0-9_]+\\)*\\(?:::[A-Za-z][A-Za-z0-9_]*\\)*\\(?:\\.[A-Za-z][A-Za-z0-9_]*\\)*>>"
  "A `<<Name>>' interpolation; group 1 is the `!' of the literal form.")

;;;; Syntax

(defvar infra-mode-syntax-table
  (let ((table (make-syntax-table)))
    (modify-syntax-entry ?# "<" table)
    (modify-syntax-entry ?\n ">" table)
    (modify-syntax-entry ?\" "\"" table)
    (modify-syntax-entry ?\\ "\\" table)
    (modify-syntax-entry ?_ "_" table)
    (modify-syntax-entry ?' "." table)
    (modify-syntax-entry ?` "." table)
    (modify-syntax-entry ?< "." table)
    (modify-syntax-entry ?> "." table)
    (modify-syntax-entry ?: "." table)
    table)
  "Syntax table of `infra-mode'.")

(defun infra--block-close-re (fence)
  "The line that closes a text block opened with FENCE (or FENCE-)."
  (concat "^[ \t]*\\(" fence "-?\\)\\(?:[^`A-Za-z0-9_+.-]\\|$\\)"))

(defun infra--syntax-propertize (start end)
  "Mark the text blocks between START and END as text, not infra syntax.
Every character of a block gets punctuation syntax, so `#' and `\"' in it
start no comment or string; the property `infra-text-block' holds the block's
tag on the whole block, for highlighting and indentation."
  (goto-char start)
  ;; A block that started before START is marked already, as a whole.
  (while (re-search-forward "\\(`\\{3,6\\}\\)\\([A-Za-z0-9_+.-]*\\)[ \t]*$" end t)
    (let* ((open (match-beginning 1))
           (fence (match-string-no-properties 1))
           (tag (match-string-no-properties 2))
           (state (save-excursion (syntax-ppss open))))
      (unless (or (nth 3 state) (nth 4 state) (get-text-property open 'infra-text-block))
        (forward-line 1)
        (when (re-search-forward (infra--block-close-re fence) nil t)
          (let ((close (match-end 1)))
            (put-text-property open close 'syntax-table (string-to-syntax "."))
            (put-text-property open close 'infra-text-block tag)
            (put-text-property open close 'font-lock-multiline t)
            (goto-char close)))))))

(defun infra--in-string-p (pos)
  "Whether POS is inside an infra string."
  (nth 3 (save-excursion (syntax-ppss pos))))

;;;; Text blocks

(defun infra--block-bounds (pos)
  "The (START . END) of the text block holding POS, or nil."
  (when (get-text-property pos 'infra-text-block)
    (cons (or (previous-single-property-change (1+ pos) 'infra-text-block) (point-min))
          (or (next-single-property-change pos 'infra-text-block) (point-max)))))

(defun infra--fontify-shell (start end)
  "Give the text between START and END the faces `sh-mode' gives it."
  (let ((text (buffer-substring-no-properties start end))
        (faces nil))
    (with-current-buffer (get-buffer-create " *infra-sh-fontify*")
      (let ((inhibit-modification-hooks nil))
        (erase-buffer)
        (unless (eq major-mode 'sh-mode)
          (let ((inhibit-message t)
                (sh-shell-file "/bin/bash"))
            (delay-mode-hooks (sh-mode))))
        (insert text)
        (font-lock-ensure)
        (let ((pos (point-min)))
          (while (< pos (point-max))
            (let ((next (next-single-property-change pos 'face nil (point-max)))
                  (face (get-text-property pos 'face)))
              (when face (push (list (1- pos) (1- next) face) faces))
              (setq pos next))))))
    (dolist (run faces)
      (put-text-property (+ start (nth 0 run)) (+ start (nth 1 run)) 'face (nth 2 run)))))

(defun infra--match-text-block (limit)
  "Font-lock matcher: highlight the next text block that starts before LIMIT.
Sets the match data to the opening fence (group 1) and its tag (group 2)."
  (let ((found nil))
    (while (and (not found) (< (point) limit))
      (let ((pos (if (get-text-property (point) 'infra-text-block)
                     (point)
                   (next-single-property-change (point) 'infra-text-block nil limit))))
        (if (or (null pos) (>= pos limit) (not (get-text-property pos 'infra-text-block)))
            (goto-char limit)
          (let* ((bounds (infra--block-bounds pos))
                 (start (car bounds))
                 (end (cdr bounds))
                 (tag (get-text-property start 'infra-text-block)))
            (goto-char start)
            (when (looking-at "\\(`+\\)\\([A-Za-z0-9_+.-]*\\)")
              (let* ((data (match-data))
                     (body-start (min end (1+ (line-end-position))))
                     (close-start (save-excursion (goto-char end) (line-beginning-position))))
                (if (member tag infra--shell-tags)
                    (infra--fontify-shell body-start close-start)
                  (put-text-property body-start close-start 'face 'infra-text-block-face))
                (put-text-property close-start end 'face 'infra-fence-face)
                (set-match-data data)
                (setq found t)))
            (goto-char end)))))
    found))

(defun infra--match-interpolation (limit)
  "Font-lock matcher: the next `<<Name>>' before LIMIT in a string or a text block."
  (let ((found nil))
    (while (and (not found) (re-search-forward infra--interpolation-re limit t))
      (let ((start (match-beginning 0)))
        (when (or (get-text-property start 'infra-text-block) (infra--in-string-p start))
          (setq found t))))
    found))

(defun infra--match-escape (limit)
  "Font-lock matcher: the next escape before LIMIT inside an infra string."
  (let ((found nil))
    (while (and (not found) (re-search-forward "\\\\\\(?:u[0-9A-Fa-f]\\{4\\}\\|[\"\\\\/nrt]\\)" limit t))
      (when (infra--in-string-p (match-beginning 0))
        (setq found t)))
    found))

(defun infra--match-outside (regexp)
  "A font-lock matcher for REGEXP that skips strings, comments and text blocks."
  (lambda (limit)
    (let ((found nil))
      (while (and (not found) (re-search-forward regexp limit t))
        (let* ((start (match-beginning 0))
               (state (save-excursion (syntax-ppss start))))
          (unless (or (nth 3 state) (nth 4 state) (get-text-property start 'infra-text-block))
            (setq found t))))
      found)))

(defun infra--extend-region ()
  "Extend the region font-lock works on to whole text blocks."
  (defvar font-lock-beg)
  (defvar font-lock-end)
  (let ((changed nil))
    (let ((b (infra--block-bounds font-lock-beg)))
      (when (and b (< (car b) font-lock-beg))
        (setq font-lock-beg (car b) changed t)))
    (let ((e (and (> font-lock-end (point-min)) (infra--block-bounds (1- font-lock-end)))))
      (when (and e (> (cdr e) font-lock-end))
        (setq font-lock-end (cdr e) changed t)))
    changed))

;;;; Highlighting

(defconst infra-font-lock-keywords
  (let ((name infra--name)
        (tname infra--templated-name)
        (qualified "[A-Za-z_][A-Za-z0-9_]*\\(?:::[A-Za-z_][A-Za-z0-9_]*\\)+"))
    `(;; Text blocks first: their body gets its faces here, and nothing below touches it.
      (infra--match-text-block (1 'infra-fence-face t) (2 font-lock-type-face t))
      ;; Declarations and the names they declare.
      (,(infra--match-outside (concat "^[ \t]*\\(param\\|resource\\|output\\|mapping\\)[ \t]+\\(" tname "\\)"))
       (1 font-lock-keyword-face) (2 font-lock-function-name-face))
      (,(infra--match-outside (concat "^[ \t]*\\(\\(?:param\\|resource\\)[ \t]+" tname "[ \t]*:\\)[ \t]*\\("
                                      qualified "\\|" name "\\)\\([ \t]*<[^>\n]*>+\\)?"))
       (2 font-lock-type-face) (3 font-lock-type-face nil t))
      (,(infra--match-outside "^[ \t]*\\(stack\\)[ \t]+\\([A-Za-z][A-Za-z0-9-]*\\)")
       (1 font-lock-keyword-face) (2 font-lock-function-name-face))
      (,(infra--match-outside (concat "^[ \t]*\\(condition\\)[ \t]+\\(" name "\\)[ \t]*="))
       (1 font-lock-keyword-face) (2 font-lock-function-name-face))
      (,(infra--match-outside (concat "^[ \t]*\\(let\\|component\\|for\\|rule\\)[ \t]+\\(" tname "\\)"))
       (1 font-lock-keyword-face) (2 font-lock-function-name-face))
      (,(infra--match-outside "^[ \t]*\\(when\\|assert\\)\\_>") (1 (quote infra-attribute-face)))
      (,(infra--match-outside (concat "^[ \t]*\\(let\\|component\\|for\\)[ \t]+\\(" name "\\)"))
       (1 font-lock-keyword-face) (2 font-lock-function-name-face))
      (,(infra--match-outside "^[ \t]*\\(import\\)\\_>") (1 font-lock-keyword-face))
      (,(infra--match-outside (concat "^[ \t]*\\(use\\)[ \t]+\\(" name "\\)[ \t]+\\(as\\)[ \t]+\\(" name "\\)"))
       (1 font-lock-keyword-face) (2 font-lock-type-face) (3 font-lock-keyword-face) (4 font-lock-function-name-face))
      (,(infra--match-outside (concat "^[ \t]*for[ \t]+" name "[ \t]+\\(in\\)\\_>")) (1 font-lock-keyword-face))
      (,(infra--match-outside "^[ \t]*\\(policy\\)[ \t]*\\(?:{\\|$\\)") (1 font-lock-keyword-face))
      ;; Policy statements: `allow|deny ACTIONS TARGETS'.
      (,(infra--match-outside "^[ \t]*\\(?:policy[ \t]*{[ \t]*\\)?\\(allow\\|deny\\)\\_>")
       (1 font-lock-keyword-face)
       ("\\_<\\(modify\\|replace\\|delete\\|not\\|type\\)\\_>\\|\\(\\*\\)" (line-end-position) nil
        (1 font-lock-keyword-face nil t) (2 font-lock-keyword-face nil t)))
      ;; Built-in functions, then attributes (`condition' is either).
      (,(infra--match-outside (concat "\\_<\\(" (regexp-opt infra--functions) "\\)[ \t]*("))
       (1 font-lock-builtin-face))
      (,(infra--match-outside (concat "\\(?:^[ \t]*\\|[{,][ \t]*\\|[A-Za-z0-9_\")}]\\|\\]\\)[ \t]*\\_<\\("
                                      (regexp-opt infra--attributes) "\\)\\_>[ \t]+[^:( \t=]"))
       (1 'infra-attribute-face))
      (,(infra--match-outside "\\_<\\(?:deletion_policy\\|update_replace_policy\\)[ \t]+\\(Delete\\|Retain\\|RetainExceptOnCreate\\|Snapshot\\)\\_>")
       (1 font-lock-constant-face))
      ;; Property names and map keys, bare or quoted.
      (,(infra--match-outside (concat "\\(" name "\\(?:::" name "\\)*\\)[ \t]*:\\(?:[^:]\\|$\\)"))
       (1 'infra-property-face))
      (,(infra--match-outside "\\(\"[^\"\n]*\"\\)[ \t]*:\\(?:[^:]\\|$\\)") (1 'infra-property-face t))
      ;; Values.
      (,(infra--match-outside (concat "\\_<" (regexp-opt infra--pseudo-parameters) "\\_>"))
       (0 'infra-pseudo-parameter-face))
      (,(infra--match-outside qualified) (0 font-lock-type-face))
      (,(infra--match-outside "\\_<\\(true\\|false\\)\\_>") (1 font-lock-constant-face))
      (,(infra--match-outside "\\(?:^\\|[^A-Za-z0-9_.]\\)\\(-?[0-9]+\\(?:\\.[0-9]+\\)?\\)\\_>")
       (1 font-lock-constant-face))
      (,(infra--match-outside "\\.\\.\\.\\|\\?") (0 font-lock-keyword-face))
      ;; Inside strings and text blocks.
      (infra--match-escape (0 'infra-escape-face t))
      (infra--match-interpolation (0 (if (match-beginning 1) 'infra-escape-face 'infra-interpolation-face) t))))
  "Highlighting of `infra-mode'.")

;;;; Indentation

;; The layout of `infrac fmt': an item (a declaration, an attribute, a property, a policy
;; statement, a rule's clause, an element of a list or an argument of a call) starts at its
;; container's indentation plus one level; a line that goes on with an item (after a comment
;; inside its header, or a rule's description moved to the next line) is one level deeper.
;; Inside a bracket the level counts from the line where the bracket opens, except for a
;; declaration's body, which counts from the line where the declaration starts, so that
;; `use X  # ...' / `  as Y {' closes its body under `use'.

(defconst infra--item-keywords
  (append '("stack" "component" "import" "let" "param" "resource" "output" "mapping" "condition"
            "rule" "policy" "use" "for" "allow" "deny" "when" "assert" "rebuild")
          infra--attributes)
  "Words that start an item of a body.
Declarations, attributes, policy statements and a rule's clauses.")

(defconst infra--item-start-re
  (concat "\\(?:" (regexp-opt infra--item-keywords 'symbols) "\\(?:[ \t]+[^( \t]\\|[ \t]*$\\)"
          "\\|\\(?:" infra--name "\\(?:::" infra--name "\\)*\\|\"\\(?:[^\"\\\\\n]\\|\\\\.\\)*\"\\)[ \t]*:\\(?:[^:]\\|$\\)"
          "\\|\\.\\.\\.\\)")
  "The start of a line that starts an item in a body.
A word of `infra--item-keywords', a key followed by `:', or a spread.")

(defconst infra--body-keyword-re
  (regexp-opt '("stack" "component" "resource" "param" "output" "rule" "policy" "for" "use") 'symbols)
  "Declarations whose `{ ... }' is a body, not a map.
`infrac fmt' lines a body up with the declaration's first line.")

(defconst infra--open-end-re
  (concat "\\(?:[=:,<]\\|" (regexp-opt (append infra--item-keywords '("not" "type" "in" "as")) 'symbols)
          "\\)[ \t]*\\'")
  "The end of a line's code after which its item goes on.")

(defun infra--line-state ()
  "`syntax-ppss' at the start of the line at point, which stays where it is."
  (save-excursion (syntax-ppss (line-beginning-position))))

(defun infra--starts-item-p ()
  "Whether the line at point, at its indentation, cannot go on with an item above.
It is blank, closes a bracket, is in a list or a call (where every line is an
item), or starts with a keyword, a key or a spread."
  (let ((open (nth 1 (infra--line-state))))
    (or (eolp)
        (looking-at-p "[]})#]")
        (and open (memq (char-after open) '(?\[ ?\()))
        (looking-at-p infra--item-start-re))))

(defun infra--continuation-p ()
  "Whether the line at point goes on with the item of a line above it.
A comment on a line of its own belongs with the line after it."
  (save-excursion
    (back-to-indentation)
    (while (and (looking-at-p "#") (= 0 (forward-line 1)))
      (back-to-indentation))
    (and (not (infra--starts-item-p)) (infra--open-above-p))))

(defun infra--open-above-p ()
  "Whether the code above the line at point leaves its item unfinished.
The line above ends in a comment, in `=', `:', `,', `<' or a word that needs
more, or (the line at point being a string) starts a rule's `assert'; or it
is a line that goes on with an item itself.  Otherwise the line at point is
taken for a new item (a misspelt keyword, say), not a continuation."
  (let ((depth (car (infra--line-state)))
        (description (looking-at-p "\"\\|```"))
        (answer 'unknown))
    (save-excursion
      (while (eq answer 'unknown)
        (let ((above (= 0 (forward-line -1))))
          (back-to-indentation)
          (while (and above (looking-at-p "#"))
            (setq above (= 0 (forward-line -1)))
            (back-to-indentation))
          (let ((end (and above (save-excursion (syntax-ppss (line-end-position))))))
            (setq answer
                  (cond ((or (not above) (eolp) (get-text-property (point) 'infra-text-block)
                             (/= (car end) depth))
                         nil)
                        ((or (nth 4 end)
                             (string-match-p infra--open-end-re
                                             (buffer-substring-no-properties (point) (line-end-position)))
                             (and description (looking-at-p "assert\\_>")))
                         t)
                        ((infra--starts-item-p) nil)
                        (t 'unknown)))
            (setq description nil)))))
    answer))

(defun infra--item-start ()
  "Move to the indentation of the first line of the item holding the current line."
  (let ((depth (car (infra--line-state))))
    (back-to-indentation)
    (while (and (infra--continuation-p) (= 0 (forward-line -1)))
      ;; A line inside a bracket the item opened: go on from where it opens.
      (let ((state (infra--line-state)))
        (while (> (car state) depth)
          (goto-char (nth 1 state))
          (setq state (infra--line-state))))
      (back-to-indentation))))

(defun infra--bracket-base (open)
  "The indentation the items inside the bracket at OPEN count from."
  (save-excursion
    (goto-char open)
    (let ((body (and (eq (char-after) ?{)
                     (save-excursion
                       (forward-comment (- (buffer-size)))
                       (not (or (bobp) (memq (char-before) '(?: ?= ?, ?\[ ?\( ?{))))))))
      (when body
        (infra--item-start)
        (setq body (looking-at-p infra--body-keyword-re)))
      (unless body (goto-char open))
      (current-indentation))))

(defun infra--indentation ()
  "The indentation of the current line, as `infrac fmt' writes it."
  (save-excursion
    (back-to-indentation)
    (let* ((open (nth 1 (infra--line-state)))
           (base (if open (infra--bracket-base open) 0)))
      (cond ((looking-at-p "[]})]") base)
            (t (+ base
                  (if open infra-indent-offset 0)
                  (if (infra--continuation-p) infra-indent-offset 0)))))))

(defun infra-indent-line ()
  "Indent the current line by its nesting.
A line that starts inside a text block (its body, its closing fence) is left
as it is: its indentation is the block's text."
  (interactive)
  (let ((in-block (save-excursion
                    (beginning-of-line)
                    (syntax-propertize (line-end-position))
                    (let ((bounds (infra--block-bounds (point))))
                      (and bounds (< (car bounds) (point)))))))
    (unless in-block
      (let ((offset (- (current-column) (current-indentation))))
        (indent-line-to (infra--indentation))
        (when (> offset 0) (move-to-column (+ (current-indentation) offset)))))))

;;;; Formatting

(defun infra-format-buffer ()
  "Rewrite the buffer in the layout of `infrac fmt'.
A buffer with syntax errors is left as it is and the errors are shown."
  (interactive)
  (let ((output (generate-new-buffer " *infrac fmt*"))
        (errors (make-temp-file "infrac-fmt"))
        (coding-system-for-read 'utf-8-unix)
        (coding-system-for-write 'utf-8-unix))
    (unwind-protect
        (let ((status (call-process-region (point-min) (point-max) infra-infrac-program
                                           nil (list output errors) nil "fmt" "-")))
          (if (eq status 0)
              (unless (zerop (compare-buffer-substrings nil nil nil output nil nil))
                (replace-buffer-contents output))
            (message "infrac fmt: %s"
                     (with-temp-buffer (insert-file-contents errors) (string-trim (buffer-string))))))
      (kill-buffer output)
      (delete-file errors))))

(defun infra--format-before-save ()
  "Format the buffer before it is saved, when `infra-format-on-save' says so."
  (when (and infra-format-on-save (executable-find infra-infrac-program))
    (infra-format-buffer)))

;;;; Diagnostics

(defvar-local infra--flymake-process nil
  "The `infrac check' run of the buffer's latest flymake check.")

(defconst infra--diagnostic-re
  "^\\(.*?\\):\\([0-9]+\\):\\([0-9]+\\): \\(error\\|warning\\|note\\): \\(.*\\)$"
  "A diagnostic line of `infrac check': file:line:col: severity: message.")

(defun infra--parse-diagnostics (source file)
  "Flymake diagnostics for SOURCE about FILE.
They are read from the output of `infrac check' in the current buffer."
  (let ((diagnostics nil))
    (goto-char (point-min))
    (while (re-search-forward infra--diagnostic-re nil t)
      (when (string= (match-string 1) file)
        (let* ((line (string-to-number (match-string 2)))
               (column (string-to-number (match-string 3)))
               (severity (match-string 4))
               (message (match-string 5))
               (region (flymake-diag-region source line column)))
          (when region
            (push (flymake-make-diagnostic
                   source (car region) (cdr region)
                   (pcase severity ("error" :error) ("warning" :warning) (_ :note))
                   message)
                  diagnostics)))))
    (nreverse diagnostics)))

(defun infra-flymake (report-fn &rest _args)
  "Flymake backend: run `infrac check' on the buffer, give REPORT-FN the result.
The buffer is written to a hidden file beside the visited one, so that its
imports and `file()' paths resolve as they will for the saved file."
  (unless (executable-find infra-infrac-program)
    (error "Cannot find `%s'" infra-infrac-program))
  (when (process-live-p infra--flymake-process)
    (kill-process infra--flymake-process))
  (let* ((source (current-buffer))
         (directory (if buffer-file-name (file-name-directory buffer-file-name) default-directory))
         (file (make-temp-file (expand-file-name ".flymake-infra-" directory) nil ".infra")))
    (let ((coding-system-for-write 'utf-8-unix))
      (write-region nil nil file nil 'silent))
    (setq infra--flymake-process
          (make-process
           :name "infra-flymake" :noquery t :connection-type 'pipe
           :buffer (generate-new-buffer " *infra-flymake*")
           :command (list infra-infrac-program "check" "--color" "never" file)
           :sentinel
           (lambda (process _event)
             (when (memq (process-status process) '(exit signal))
               (unwind-protect
                   (if (with-current-buffer source (eq process infra--flymake-process))
                       (with-current-buffer (process-buffer process)
                         (funcall report-fn (infra--parse-diagnostics source file)))
                     (flymake-log :warning "Canceling obsolete check %s" process))
                 (kill-buffer (process-buffer process))
                 (delete-file file))))))))

;;;; The mode

(defvar infra-mode-map
  (let ((map (make-sparse-keymap)))
    (define-key map (kbd "C-c C-f") #'infra-format-buffer)
    map)
  "Keymap of `infra-mode'.")

;;;###autoload
(define-derived-mode infra-mode prog-mode "Infra"
  "Major mode for infra files, the language infrac compiles to CloudFormation.

\\{infra-mode-map}"
  :syntax-table infra-mode-syntax-table
  (setq-local comment-start "# ")
  (setq-local comment-start-skip "#+[ \t]*")
  (setq-local comment-end "")
  (setq-local indent-line-function #'infra-indent-line)
  (setq-local indent-tabs-mode nil)
  (setq-local syntax-propertize-function #'infra--syntax-propertize)
  (setq-local font-lock-defaults '(infra-font-lock-keywords nil nil nil nil))
  (setq-local font-lock-multiline t)
  (add-hook 'font-lock-extend-region-functions #'infra--extend-region nil t)
  (add-hook 'flymake-diagnostic-functions #'infra-flymake nil t)
  (add-hook 'before-save-hook #'infra--format-before-save nil t))

;;;###autoload
(add-to-list 'auto-mode-alist '("\\.infra\\'" . infra-mode))

(provide 'infra-mode)

;;; infra-mode.el ends here
