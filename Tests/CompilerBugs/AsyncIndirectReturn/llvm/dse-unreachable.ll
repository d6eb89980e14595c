declare void @g() nounwind
define void @f_unreachable(ptr noalias captures(none) %p, i1 %c, i64 %v) {
entry:
  store i64 1, ptr %p, align 8
  %q1 = getelementptr inbounds i8, ptr %p, i64 8
  store i64 11, ptr %q1, align 8
  %q2 = getelementptr inbounds i8, ptr %p, i64 16
  store i64 12, ptr %q2, align 8
  %q3 = getelementptr inbounds i8, ptr %p, i64 24
  store i64 13, ptr %q3, align 8
  %q4 = getelementptr inbounds i8, ptr %p, i64 32
  store i64 14, ptr %q4, align 8
  %q5 = getelementptr inbounds i8, ptr %p, i64 40
  store i64 15, ptr %q5, align 8
  %q6 = getelementptr inbounds i8, ptr %p, i64 48
  store i64 16, ptr %q6, align 8
  br i1 %c, label %a, label %b
a:
  store i64 %v, ptr %p, align 8
  br label %b
b:
  call void @g()
  unreachable
}
define void @h_ret(ptr noalias captures(none) %p, i1 %c, i64 %v) {
entry:
  store i64 1, ptr %p, align 8
  %q1 = getelementptr inbounds i8, ptr %p, i64 8
  store i64 11, ptr %q1, align 8
  %q2 = getelementptr inbounds i8, ptr %p, i64 16
  store i64 12, ptr %q2, align 8
  %q3 = getelementptr inbounds i8, ptr %p, i64 24
  store i64 13, ptr %q3, align 8
  %q4 = getelementptr inbounds i8, ptr %p, i64 32
  store i64 14, ptr %q4, align 8
  %q5 = getelementptr inbounds i8, ptr %p, i64 40
  store i64 15, ptr %q5, align 8
  %q6 = getelementptr inbounds i8, ptr %p, i64 48
  store i64 16, ptr %q6, align 8
  br i1 %c, label %a, label %b
a:
  store i64 %v, ptr %p, align 8
  br label %b
b:
  call void @g()
  ret void
}
