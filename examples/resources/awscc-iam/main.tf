# The identity policies of the Cloud Control provider (awscc), each a JSON string built with
# jsonencode(): a managed policy, the own policies of a role, a user and a group, role, user and
# group policies, and a permission set's inline policy.

terraform {
  required_providers {
    awscc = {
      source  = "hashicorp/awscc"
      version = "~> 1.0"
    }
  }
}

provider "awscc" {
  region = "eu-west-1"
}

resource "awscc_iam_managed_policy" "deploy" {
  managed_policy_name = "deploy"
  policy_document = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["kms:Decrypt"]
        Resource = "arn:aws:kms:*:111122223333:key/*"
      },
    ]
  })
}

resource "awscc_iam_role" "app" {
  role_name = "app"
  assume_role_policy_document = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Action    = "sts:AssumeRole"
        Principal = { Service = "ec2.amazonaws.com" }
      },
    ]
  })
  policies = [
    {
      policy_name = "reencrypt"
      policy_document = jsonencode({
        Version = "2012-10-17"
        Statement = [
          {
            Effect   = "Allow"
            Action   = "kms:ReEncrypt*"
            Resource = "*"
          },
        ]
      })
    },
  ]
}

resource "awscc_iam_role_policy" "app_key" {
  role_name   = awscc_iam_role.app.role_name
  policy_name = "app-key"
  policy_document = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["kms:Decrypt", "kms:GenerateDataKey"]
        Resource = "arn:aws:kms:eu-west-1:111122223333:key/0d5e2f3a-4b6c-4d7e-8f90-a1b2c3d4e5f6"
      },
    ]
  })
}

resource "awscc_iam_user_policy" "ops" {
  user_name   = "ops"
  policy_name = "ops-decrypt"
  policy_document = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = "kms:Decrypt"
        Resource = "arn:aws:kms:eu-west-1:111122223333:key/*"
      },
    ]
  })
}

resource "awscc_iam_group_policy" "readers" {
  group_name  = "readers"
  policy_name = "logs-read"
  policy_document = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["logs:GetLogEvents", "logs:FilterLogEvents"]
        Resource = "*"
      },
    ]
  })
}

resource "awscc_iam_user" "deployer" {
  user_name = "deployer"
  policies = [
    {
      policy_name = "artifacts"
      policy_document = jsonencode({
        Version = "2012-10-17"
        Statement = [
          {
            Effect   = "Allow"
            Action   = ["s3:GetObject", "s3:PutObject"]
            Resource = "arn:aws:s3:::deploy-artifacts/*"
          },
        ]
      })
    },
  ]
}

resource "awscc_iam_group" "auditors" {
  group_name = "auditors"
  policies = [
    {
      policy_name = "audit-decrypt"
      policy_document = jsonencode({
        Version = "2012-10-17"
        Statement = [
          {
            Effect   = "Allow"
            Action   = "kms:Decrypt"
            Resource = "*"
          },
        ]
      })
    },
  ]
}

resource "awscc_sso_permission_set" "support" {
  instance_arn = "arn:aws:sso:::instance/ssoins-72230b3f1a2b3c4d"
  name         = "Support"
  inline_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = "kms:Decrypt"
        Resource = "arn:aws:kms:eu-west-1:111122223333:key/0d5e2f3a-4b6c-4d7e-8f90-a1b2c3d4e5f6"
      },
    ]
  })
}
